package dev.weakrl.datasets.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./weakrl bench --suite verify}: the verifier against the checked-in table of
 * gold/prediction/expected pairs ({@code verify-pairs.tsv}, its comments argue each verdict).
 * Agreement, undecided and false-positive rates, the comparisons a second on this one thread
 * (the whole table, and the pairs the exact path decides without the CAS), and the CAS's start.
 */
public final class VerifierBenchmark {
  static final String TABLE = "verify-pairs.tsv";
  private static final long MEASURE_NANOS = 3_000_000_000L;

  private VerifierBenchmark() {}

  /** One row of the table. */
  public record Pair(String category, String gold, String prediction, Verdict expected) {}

  public static List<Pair> pairs() {
    List<Pair> pairs = new ArrayList<>();
    try (InputStream in = VerifierBenchmark.class.getResourceAsStream(TABLE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 4) {
          throw new IllegalStateException(TABLE + ":" + n + ": expected 4 tab-separated columns, got " + f.length);
        }
        pairs.add(new Pair(f[0], f[1].replace("⏎", "\n"), f[2].replace("⏎", "\n"), Verdict.valueOf(f[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pairs;
  }

  public static Map<String, Double> run(Consumer<String> log) {
    Map<String, Double> figures = new LinkedHashMap<>();
    List<Pair> pairs = pairs();
    long t0 = System.nanoTime();
    Cas.start();
    figures.put("verify_cas_start_ms", (System.nanoTime() - t0) / 1e6);
    int agree = 0;
    int undecided = 0;
    int falsePositive = 0;
    int wrong = 0;
    List<Pair> exactOnly = new ArrayList<>();
    for (Pair p : pairs) {
      long calls = Cas.calls();
      Verdict v = MathVerifier.verify(p.prediction(), p.gold());
      if (Cas.calls() == calls) {
        exactOnly.add(p);
      }
      agree += v == p.expected() ? 1 : 0;
      undecided += v == Verdict.UNDECIDED ? 1 : 0;
      wrong += p.expected() == Verdict.INCORRECT ? 1 : 0;
      falsePositive += v == Verdict.CORRECT && p.expected() == Verdict.INCORRECT ? 1 : 0;
      if (v != p.expected()) {
        log.accept("disagree: " + p.category() + " '" + p.prediction().replace("\n", "⏎") + "' vs '"
            + p.gold().replace("\n", "⏎") + "': " + v + ", expected " + p.expected());
      }
    }
    figures.put("verify_pairs", (double) pairs.size());
    figures.put("verify_agreement", agree / (double) pairs.size());
    figures.put("verify_undecided", undecided / (double) pairs.size());
    figures.put("verify_false_positive", falsePositive / (double) Math.max(1, wrong));
    figures.put("verify_cas_share", 1 - exactOnly.size() / (double) pairs.size());
    log.accept("verify: comparisons a second, whole table");
    figures.put("verify_comparisons_per_s", rate(pairs));
    log.accept("verify: comparisons a second, pairs the exact path decides");
    figures.put("verify_exact_comparisons_per_s", rate(exactOnly));
    return figures;
  }

  /** Comparisons a second on this thread, after one warm-up pass. */
  private static double rate(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return 0;
    }
    pairs.forEach(p -> MathVerifier.verify(p.prediction(), p.gold()));
    long n = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      for (Pair p : pairs) {
        MathVerifier.verify(p.prediction(), p.gold());
      }
      n += pairs.size();
      elapsed = System.nanoTime() - start;
    } while (elapsed < MEASURE_NANOS);
    return n / (elapsed / 1e9);
  }
}
