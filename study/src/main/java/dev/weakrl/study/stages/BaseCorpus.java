package dev.weakrl.study.stages;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.domain.Trace;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.tokenizer.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The general mixed corpus the embedded base model is pre-trained on, the stand-in for an instruct
 * model's pre-training. Half its documents are general text: short templated English sentences,
 * counting and the alphabet. The other half are problems of every domain and difficulty in the
 * {@link ChatFormat chat template}, answered with the bare boxed answer ({@code The answer is
 * \boxed{x}.}) and no reasoning. So the base model answers in format but, having seen no
 * operations spelled out, with low accuracy. It holds none of the domain corpora's facts (e.g.
 * {@code 7*8 = 56}) nor any thinking trace: CPT and SFT add those.
 */
public final class BaseCorpus {
  private static final String[] SUBJECTS = {"The cat", "A bird", "My friend", "The teacher", "A small dog", "The river",
      "Our team", "The old man", "A child", "The machine"};
  private static final String[] VERBS = {"sees", "likes", "finds", "carries", "follows", "builds", "reads", "opens",
      "counts", "paints"};
  private static final String[] OBJECTS = {"the red box", "a long road", "the green door", "three apples", "the map",
      "a quiet song", "the blue light", "an old book", "the garden", "a paper boat"};
  private static final String[] ENDINGS = {"today", "at night", "in the morning", "again", "with care", "slowly",
      "near the house", "every day"};
  private static final String[] NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

  /** A document: its text and, for a problem document, the problem it states. */
  public record Document(String text, Optional<Problem> problem) {}

  /** The corpus's documents, in order. */
  public record Corpus(List<Document> documents) {
    public List<String> texts() {
      return documents.stream().map(Document::text).toList();
    }

    /** The problems inside the corpus (all from the training side of the split). */
    public List<Problem> problems() {
      return documents.stream().flatMap(d -> d.problem().stream()).toList();
    }
  }

  private BaseCorpus() {}

  /** {@code documents} documents, reproducible from {@code seed}. */
  public static Corpus of(int documents, long seed) {
    Random random = new Random(seed);
    List<Domain> domains = Domains.all();
    List<Document> out = new ArrayList<>();
    int problems = 0;
    for (int i = 0; i < documents; i++) {
      if (i % 2 == 0) {
        out.add(new Document(generalText(random), Optional.empty()));
      } else {
        Domain d = domains.get(random.nextInt(domains.size()));
        int level = 1 + random.nextInt(Domain.LEVELS);
        Problem p = d.generate(random, level, Split.TRAIN)
            .withId(String.format("base-%s-%d-%05d", d.name(), level, problems++));
        out.add(new Document(ChatFormat.promptText(p.question()) + Trace.direct(p.groundTruth()), Optional.of(p)));
      }
    }
    return new Corpus(out);
  }

  private static String generalText(Random random) {
    switch (random.nextInt(3)) {
      case 0 -> {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          s.append(pick(SUBJECTS, random)).append(' ').append(pick(VERBS, random)).append(' ')
              .append(pick(OBJECTS, random)).append(' ').append(pick(ENDINGS, random)).append(". ");
        }
        return s.toString().trim();
      }
      case 1 -> {
        int from = random.nextInt(6);
        int to = from + 3 + random.nextInt(10 - from - 3 + 1);
        StringBuilder s = new StringBuilder("Counting:");
        for (int i = from; i < Math.min(to, NUMBERS.length); i++) {
          s.append(' ').append(NUMBERS[i]).append(" (").append(i + 1).append(')');
        }
        return s.append('.').toString();
      }
      default -> {
        int start = random.nextInt(20);
        return "Letters: " + "abcdefghijklmnopqrstuvwxyz".substring(start, start + 3 + random.nextInt(24 - start)) + ".";
      }
    }
  }

  private static String pick(String[] words, Random random) {
    return words[random.nextInt(words.length)];
  }
}
