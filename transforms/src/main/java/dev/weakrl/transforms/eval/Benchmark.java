package dev.weakrl.transforms.eval;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.io.ReadResult;
import dev.weakrl.transforms.prepare.Levels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of problems to evaluate on: a procedural domain at a range of levels, or a veRL problem
 * file. Specs: {@code DOMAIN:LEVELS[:COUNT]} (e.g. {@code arith:1-2:50}, COUNT problems per level,
 * default {@value #DEFAULT_PER_LEVEL}) or a path to a {@code .parquet}/{@code .jsonl} file.
 */
public sealed interface Benchmark extends Serializable {
  int DEFAULT_PER_LEVEL = 50;

  /** Names the benchmark in outputs: {@code arith@1-2}, or the file's name without extension. */
  String name();

  /** Its problems, in a fixed order. */
  List<Problem> problems();

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
    public List<Problem> problems() {
      List<Problem> problems = new ArrayList<>();
      for (int level = from; level <= to; level++) {
        problems.addAll(Domains.get(domain).generate(perLevel, level, seed + level));
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

  /**
   * The standard suite for a model trained on {@code domain} at levels {@code from..to}: in-domain
   * first (the same domain and levels), then out-of-domain (the same domain's harder levels, and
   * every other domain at the training levels).
   */
  static List<Benchmark> inAndOutOfDomain(String domain, int from, int to, int perLevel, long seed) {
    List<Benchmark> suite = new ArrayList<>();
    suite.add(new Procedural(domain, from, to, perLevel, seed));
    if (to < Domain.LEVELS) {
      suite.add(new Procedural(domain, to + 1, Domain.LEVELS, perLevel, seed));
    }
    for (String other : Domains.names()) {
      if (!other.equals(domain)) {
        suite.add(new Procedural(other, from, to, perLevel, seed));
      }
    }
    return suite;
  }
}
