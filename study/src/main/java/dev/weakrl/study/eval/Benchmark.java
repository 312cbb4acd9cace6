package dev.weakrl.study.eval;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.domain.Levels;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.io.ReadResult;
import dev.weakrl.datasets.split.Split;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of problems to evaluate on: a procedural domain at a range of levels (drawn from the
 * held-out side of the {@link Split}), or a veRL problem file (its problems that the evaluated
 * checkpoint trained on are left out and counted). Specs: {@code DOMAIN:LEVELS[:COUNT]} (e.g. {@code arith:1-2:50}, COUNT problems per level,
 * default {@value #DEFAULT_PER_LEVEL}) or a path to a {@code .parquet}/{@code .jsonl} file.
 */
public sealed interface Benchmark extends Serializable {
  int DEFAULT_PER_LEVEL = 50;
  /**
   * The default benchmarks of eval, the recipe and the grid: 300 held-out level-1 arith problems (the
   * held-out standard errors at most 0.03), 32 per level of the harder and other-domain sets.
   */
  String DEFAULT_SPEC = "arith:1:300,arith:2-3:32,island:1:32,units:1:32";
  /** The procedural benchmarks' seed, apart from prepare's and the stages' seeds. */
  long DEFAULT_SEED = 1_000_003;

  /** Names the benchmark in outputs: {@code arith@1-2}, or the file's name without extension. */
  String name();

  /** Its problems, in a fixed order. */
  List<Problem> problems();

  /** Fresh problems of the training domain and level. */
  String HELD_OUT = "held-out";
  /** Higher levels of the training domain: longer compositions of the same steps. */
  String HARDER = "harder";
  /** Other procedural domains, reported on their own. */
  String OTHER_DOMAINS = "other domains";
  /** A problem file, or a level range that mixes the training level with others. */
  String OTHER = "other";
  /** The groups a generalisation figure is reported for, each on its own, in this order. */
  List<String> GROUPS = List.of(HELD_OUT, HARDER, OTHER_DOMAINS);

  /**
   * How this benchmark relates to a model trained on {@code domain} at {@code level}: {@link
   * #HELD_OUT}, {@link #HARDER}, {@link #OTHER_DOMAINS} or {@link #OTHER}. The three are never
   * averaged together.
   */
  String group(String domain, int level);

  /** {@code count} problems per level from {@code from} to {@code to}, generated with {@code seed}. */
  record Procedural(String domain, int from, int to, int perLevel, long seed) implements Benchmark {
    public Procedural {
      Domains.get(domain);
      if (from < 1 || to > Domain.LEVELS || from > to || perLevel < 1) {
        throw new IllegalArgumentException("benchmark " + domain + ": need 1 <= levels <= " + Domain.LEVELS
            + " and a positive count, got levels " + from + "-" + to + " count " + perLevel);
      }
    }

    @Override
    public String name() {
      return domain + "@" + (from == to ? String.valueOf(from) : from + "-" + to);
    }

    @Override
    public String group(String trainingDomain, int level) {
      if (!domain.equals(trainingDomain)) {
        return OTHER_DOMAINS;
      }
      return from == level && to == level ? HELD_OUT : from > level ? HARDER : OTHER;
    }

    @Override
    public List<Problem> problems() {
      List<Problem> problems = new ArrayList<>();
      for (int level = from; level <= to; level++) {
        problems.addAll(Domains.get(domain).generate(Split.HELD_OUT, perLevel, level, seed + level));
      }
      return problems;
    }
  }

  /** The problems of a veRL Parquet or JSONL file; a file with unreadable rows is an error. */
  record ProblemFile(String path) implements Benchmark {
    @Override
    public String name() {
      String file = path.substring(path.lastIndexOf('/') + 1);
      return file.replaceFirst("\\.(parquet|jsonl|json)$", "");
    }

    @Override
    public String group(String trainingDomain, int level) {
      return OTHER;
    }

    @Override
    public List<Problem> problems() {
      ReadResult read = ProblemFiles.read(path);
      if (!read.rejects().isEmpty()) {
        throw new IllegalArgumentException("benchmark " + path + ": " + read.rejects().size()
            + " rows are not problems, first: " + read.rejects().get(0));
      }
      return read.problems();
    }
  }

  /** Parses one spec (see the class comment); procedural problems are generated with {@code seed}. */
  static Benchmark parse(String spec, long seed) {
    String s = spec.trim();
    if (s.contains("/") || s.matches(".*\\.(parquet|jsonl|json)$")) {
      return new ProblemFile(s);
    }
    String[] parts = s.split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("benchmark '" + spec + "': expected DOMAIN:LEVELS[:COUNT] (e.g. arith:1-2:50)"
          + " or a .parquet/.jsonl path");
    }
    try {
      Levels levels = Levels.parse(parts[1]);
      int count = parts.length == 3 ? Integer.parseInt(parts[2]) : DEFAULT_PER_LEVEL;
      return new Procedural(parts[0], levels.from(), levels.to(), count, seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("benchmark '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** Comma-separated specs. */
  static List<Benchmark> parseAll(String specs, long seed) {
    return Arrays.stream(specs.split(",")).filter(s -> !s.isBlank()).map(s -> parse(s, seed)).toList();
  }
}
