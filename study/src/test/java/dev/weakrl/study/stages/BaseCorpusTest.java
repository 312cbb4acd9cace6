package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.tokenizer.ChatFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseCorpusTest {
  @Test
  void halfTheDocumentsAreTrainingSideProblemsWithTheirBareAnswer() {
    BaseCorpus.Corpus corpus = BaseCorpus.of(2_000, 1);
    assertEquals(2_000, corpus.texts().size());
    List<Problem> problems = corpus.problems();
    assertEquals(1_000, problems.size());
    assertTrue(problems.stream().allMatch(Split.TRAIN::contains), "no held-out prompt in pre-training");
    for (BaseCorpus.Document d : corpus.documents()) {
      d.problem().ifPresent(p -> assertTrue(d.text().startsWith(ChatFormat.promptText(p.question()))
          && d.text().endsWith("\\boxed{" + p.groundTruth() + "}."), d.text()));
    }
    assertEquals(corpus, BaseCorpus.of(2_000, 1), "reproducible from the seed");
  }
}
