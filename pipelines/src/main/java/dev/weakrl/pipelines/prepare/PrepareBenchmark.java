package dev.weakrl.pipelines.prepare;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.prepare.TokenCounts;
import dev.weakrl.transforms.prepare.GenerateProblems;
import dev.weakrl.transforms.prepare.WriteProblemSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The prepare pipeline on the DirectRunner against the same work done in a plain Java loop in
 * this process (generate, count tokens, build the variants, write the files): records per second,
 * and the pipeline's time over the loop's (target at most 1.5).
 */
public final class PrepareBenchmark {
  static final int PER_LEVEL = 8192;

  private PrepareBenchmark() {}

  public static Map<String, Double> run(Consumer<String> log) {
    String root = tempDir();
    try {
      PrepareOptions small = options(256);
      runPipeline(small, Storage.resolve(root, "warm-pipeline"));
      runLoop(small, Storage.resolve(root, "warm-loop"));
      PrepareOptions o = options(PER_LEVEL);
      double loop = seconds(() -> runLoop(o, Storage.resolve(root, "loop")));
      double pipeline = seconds(() -> runPipeline(o, Storage.resolve(root, "pipeline")));
      long records = 2L * PER_LEVEL;
      log.accept(String.format("prepare: %d problems, loop %.2f s, DirectRunner %.2f s", records, loop, pipeline));
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("prepare_records_per_s", records / pipeline);
      figures.put("prepare_pipeline_overhead", pipeline / loop);
      return figures;
    } finally {
      Storage.deleteRecursively(root);
    }
  }

  static PrepareOptions options(int perLevel) {
    PrepareOptions o = PipelineOptionsFactory.create().as(PrepareOptions.class);
    o.setDomain("arith");
    o.setLevels("3-4"); // levels with far more distinct prompts than PER_LEVEL
    o.setCount(perLevel);
    return o;
  }

  static void runPipeline(PrepareOptions o, String dir) {
    Pipeline pipeline = Pipeline.create(o);
    PreparePipeline.buildPipeline(pipeline, o, dir);
    pipeline.run().waitUntilFinish();
  }

  /** The pipeline's work, step for step, with no runner. */
  static void runLoop(PrepareOptions o, String dir) {
    Tokenizer tokenizer = CharTokenizer.standard();
    List<Problem> problems = new ArrayList<>();
    for (GenerateProblems.Block block : new GenerateProblems(o.getDomain(), PreparePipeline.levels(o), o.getCount(),
        o.getSeed()).blocks()) {
      block.generate().forEach(p -> problems.add(TokenCounts.annotate(tokenizer, p)));
    }
    problems.sort(Comparator.comparing(Problem::id));
    for (WeakVariant variant : WeakVariant.parseAll(o.getVariants())) {
      List<Problem> rows = new ArrayList<>(variant.build(problems, o.getScarceBatch(), o.getSeed()));
      rows.sort(Comparator.comparing(Problem::id));
      ProblemFiles.write(WriteProblemSets.file(dir, variant.name()), rows);
    }
  }

  private static double seconds(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("weakrl-prepare-bench").toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }
}
