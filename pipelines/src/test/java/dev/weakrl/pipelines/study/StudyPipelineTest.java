package dev.weakrl.pipelines.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.grid.GridPipeline;
import dev.weakrl.pipelines.grid.GridSpec;
import dev.weakrl.study.analysis.AnalysisReport;
import dev.weakrl.study.analysis.Claims;
import dev.weakrl.study.analysis.Diagnosis;
import dev.weakrl.transforms.eval.SkipEvaluated;
import dev.weakrl.transforms.recipe.RunStages;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study in miniature: its arms, settings and claims, and reuse of every stage and evaluation. */
class StudyPipelineTest {
  static GridOptions miniature(Path out, String spec) {
    return PipelineOptionsFactory.fromArgs("--out=" + out, "--spec=" + spec, "--count=64", "--stageOptions={"
        + "\"rlvr.problems\": \"16\", \"rlvr.votes\": \"8\", \"rlvr.keepUnsolved\": \"true\", "
        + "\"base.steps\": \"2\", \"cpt.steps\": \"2\", \"sft.steps\": \"2\", \"rlvr.steps\": \"2\", "
        + "\"rlvr.checkpointEvery\": \"2\", \"eval.k\": \"1\", \"eval.maxTokens\": \"4\"}", "--targetParallelism=1")
        .withValidation().as(GridOptions.class);
  }

  static String spec(Path out, String name, String scarceSeeds) {
    String path = out.resolve(name).toString();
    Storage.writeString(path, "{\"arms\": [{\"cpt\": false, \"sft\": \"none\"},"
        + " {\"cpt\": true, \"sft\": \"thinking\"}],"
        + " \"weak\": [\"verifiable\", \"scarce-8\"], \"seeds\": [1], \"seedsBySetting\": {\"scarce-8\": " + scarceSeeds
        + "}, \"benchmarks\": \"arith:1:2,units:1:1\", \"claims\": {\"gradualGain\": 0.1}}");
    return path;
  }

  static PipelineResult run(GridOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    GridPipeline.buildPipeline(pipeline, options, StudyPipeline.spec(options));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return result;
  }

  @Test
  void runsTheArmsAndSettingsOfItsSpecAndJudgesTheClaimsByItsThresholds(@TempDir Path out) {
    GridOptions options = miniature(out, spec(out, "study.json", "[1]"));
    PipelineResult first = run(options);
    // base, cpt, sft after cpt; verifiable and scarce-8 on each of the two arms. Only the arms'
    // lineages are trained: no SFT on the base, no CPT-only arm.
    assertEquals(3 + 4, RunStages.count(first, RunStages.TRAINED));
    assertEquals(0, SkipEvaluated.reused(first));

    JsonNode report = Json.read(Storage.resolve(AnalysisReport.dir(out.toString()), AnalysisReport.REPORT_JSON));
    Set<String> cells = new TreeSet<>();
    report.path("runs").forEach(r -> cells.add(r.path("arm").asText() + "/" + r.path("setting").asText()));
    assertEquals(Set.of(Claims.BASE + "/verifiable", Claims.BASE + "/scarce-8", Claims.CPT_THINKING + "/verifiable",
        Claims.CPT_THINKING + "/scarce-8"), cells);
    List<String> ids = new java.util.ArrayList<>();
    report.path("claims").forEach(c -> ids.add(c.path("id").asText()));
    assertEquals(List.of("C1", "C2", "C3", "C4", "C5", "C6"), ids);
    assertTrue(report.path("claims").get(1).path("threshold").asText().contains("+0.10"),
        "C2 is judged by the spec's gradual gain: " + report.path("claims").get(1));
    String claims = StudyPipeline.claimsTable(report);
    assertTrue(claims.contains("C1 ") && claims.contains("threshold:"), claims);
    String runs = StudyPipeline.runsTable(report);
    assertEquals(1 + 4, runs.strip().split("\n").length - 1, runs);
    assertTrue(runs.contains("cpt+thinking   scarce-8"), runs);

    // Unchanged: nothing is trained or evaluated again (2 pre-RL models, 4 runs' step 2).
    PipelineResult again = run(miniature(out, spec(out, "study.json", "[1]")));
    assertEquals(0, RunStages.count(again, RunStages.TRAINED));
    assertEquals(6, SkipEvaluated.reused(again));

    // A second scarce seed: only its two cells train, and only their checkpoints are evaluated.
    PipelineResult seeded = run(miniature(out, spec(out, "seeded.json", "[1, 2]")));
    assertEquals(2, RunStages.count(seeded, RunStages.TRAINED));
    assertEquals(6, SkipEvaluated.reused(seeded));
  }

  @Test
  void theEmbeddedStudyIsThePapersDesign() {
    GridSpec spec = GridSpec.study();
    assertEquals(List.of(new GridSpec.Arm(false, "none"), new GridSpec.Arm(false, "nonthinking"),
        new GridSpec.Arm(false, "thinking"), new GridSpec.Arm(true, "thinking")), spec.arms());
    assertTrue(spec.weak().contains("verifiable"), "the full-data run that G_sat pairs with");
    assertTrue(spec.weak().stream().anyMatch(w -> w.startsWith("scarce-")));
    assertTrue(spec.weak().stream().anyMatch(w -> w.startsWith("noisy-")));
    assertTrue(spec.weak().contains("majority"));
    String scarce = spec.weak().stream().filter(w -> w.startsWith("scarce-")).findFirst().orElseThrow();
    assertTrue(spec.seedsOf(scarce).size() >= 2, "two seeds of the scarce cells at least");
    assertEquals(GridSpec.read(Path.of("../examples/study.json").toString()), spec, "the classpath copy is the file");
  }

  @Test
  void diagnoseCalibratesOnTheMeasuredStudyByDefault() {
    Diagnosis.Calibration measured = StudyPipeline.measuredCalibration();
    Diagnosis.Calibration file = Diagnosis.calibration("../examples/study-report.json");
    assertEquals(List.of(file.gradual(), file.rapid()), List.of(measured.gradual(), measured.rapid()));
    assertTrue(measured.gradual().size() + measured.rapid().size() > 0, "the measured study has saturated runs");
  }

  @Test
  void badSpecsNameWhatIsWrong(@TempDir Path out) {
    for (String[] bad : new String[][] {
        {"{\"arms\": [{\"cpt\": true, \"sft\": \"thinking\"}], \"cpt\": [true]}", "arms or the cpt and sft axes"},
        {"{\"arms\": [{\"cpt\": true, \"sft\": \"deep\"}]}", "deep"},
        {"{\"weak\": [\"majority\"], \"seedsBySetting\": {\"scarce-8\": [1, 2]}}", "'scarce-8' is not a weak setting"},
        {"{\"claims\": {\"gradualGian\": 0.1}}", "did you mean --gradualGain"}}) {
      String path = out.resolve("bad.json").toString();
      Storage.writeString(path, bad[0]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(path), bad[0]);
      assertTrue(e.getMessage().contains("--spec " + path) && e.getMessage().contains(bad[1]), e.getMessage());
    }
  }

  @Test
  void benchmarksComeFromTheSpecOrTheCommandLineNotBoth(@TempDir Path out) {
    GridOptions options = miniature(out, spec(out, "study.json", "[1]"));
    options.setBenchmarks("arith:1:5");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridPipeline.buildPipeline(Pipeline.create(options), options, StudyPipeline.spec(options)));
    assertTrue(e.getMessage().contains("--benchmarks arith:1:5") && e.getMessage().contains("arith:1:2,units:1:1"),
        e.getMessage());
  }
}
