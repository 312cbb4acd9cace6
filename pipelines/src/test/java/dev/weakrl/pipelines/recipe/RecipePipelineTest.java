package dev.weakrl.pipelines.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.study.stages.TrainingSets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole recipe in miniature: a few steps per stage, a handful of evaluation problems. */
class RecipePipelineTest {
  static RecipeOptions miniature(Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--out=" + out, "--count=64", "--stageOptions={"
        + "\"rlvr.problems\": \"32\", \"base.steps\": \"2\", \"cpt.steps\": \"2\", \"sft.steps\": \"2\", "
        + "\"rlvr.steps\": \"2\", \"rlvr.checkpointEvery\": \"1\", \"eval.k\": \"2\", \"eval.maxTokens\": \"8\"}",
        "--benchmarks=arith:1:4,arith:2:1,units:1:1", "--targetParallelism=1"));
    args.addAll(List.of(more));
    if (args.stream().filter(a -> a.startsWith("--targetParallelism=")).count() > 1) {
      args.remove("--targetParallelism=1");
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(RecipeOptions.class);
  }

  @Test
  void runsEveryStageInOneDagAndReportsEachCheckpoint(@TempDir Path out) {
    RecipeReport report = RecipePipeline.run(miniature(out));

    assertEquals(4, report.stages().size());
    report.stages().forEach(dir -> assertTrue(StageManifest.isComplete(dir), dir));
    assertTrue(StageManifest.isComplete(report.prepared()));
    assertEquals(List.of("base", "cpt", "sft", "rlvr step-000001", "rlvr step-000002"),
        report.rows().stream().map(RecipeReport.Row::label).toList());
    assertEquals(List.of("arith@1 (4)"), report.groups().get(Benchmark.HELD_OUT));
    assertEquals(List.of("arith@2 (1)"), report.groups().get(Benchmark.HARDER));
    assertEquals(List.of("units@1 (1)"), report.groups().get(Benchmark.OTHER_DOMAINS));
    assertTrue(Storage.exists(Storage.resolve(report.stages().get(3), "steps/step-000002/manifest.json")));
    String printed = report.toString();
    assertTrue(printed.contains("held-out:") && printed.contains("±"), printed);
    assertTrue(printed.contains(report.stages().get(0)), printed);
    // The analysis is the last stage; a 2-step run gets a 1-step tail so that t_sat is defined.
    assertTrue(Storage.exists(report.analysisReport()), report.analysisReport());
    assertTrue(Storage.exists(Storage.resolve(out.toString(), "analysis/saturation.parquet")));
    assertTrue(printed.contains("analysis           " + report.analysisReport()), printed);
    assertHeldOut(report);
  }

  /**
   * What Dataflow would serialise is serialised here too: the DirectRunner encodes and decodes every
   * element with its coder and checks no DoFn mutates its input, over two worker threads.
   */
  @Test
  void runsUnderTheDirectRunnersEncodingAndImmutabilityChecksOnTwoThreads(@TempDir Path out) {
    RecipeOptions options = miniature(out, "--targetParallelism=2", "--enforceEncodability=true",
        "--enforceImmutability=true");
    DirectOptions direct = options.as(DirectOptions.class);
    assertTrue(direct.isEnforceEncodability() && direct.isEnforceImmutability());
    assertEquals(2, direct.getTargetParallelism());
    RecipeReport report = RecipePipeline.run(options);
    report.stages().forEach(dir -> assertTrue(StageManifest.isComplete(dir), dir));
    assertEquals(5, report.rows().size(), report.toString());
  }

  /**
   * No figure is measured on a problem any stage trained on: the union of every stage's
   * train.parquet is disjoint from every evaluated benchmark, and each summary says so.
   */
  static void assertHeldOut(RecipeReport report) {
    Set<String> trained = new HashSet<>();
    for (String stage : report.stages()) {
      String file = Storage.resolve(stage, TrainingSets.FILE);
      assertTrue(Storage.exists(file), file);
      ProblemFiles.read(file).problems().forEach(p -> trained.add(Split.canonical(p)));
    }
    assertTrue(trained.size() > 32, "the stages trained on " + trained.size() + " prompts");
    for (RecipeReport.Row row : report.rows()) {
      for (BenchmarkSummary s : EvalParquet.readSummaries(Storage.resolve(report.evalDir(), row.checkpoint()))) {
        assertEquals(0, s.overlapWithTraining(), row.checkpoint() + " " + s.benchmark());
      }
    }
    for (String spec : List.of("arith:1:4", "arith:2:1", "units:1:1")) {
      for (Problem p : Benchmark.parse(spec, 1_000_003).problems()) {
        assertFalse(trained.contains(Split.canonical(p)), spec + " " + p.id());
      }
    }
  }
}
