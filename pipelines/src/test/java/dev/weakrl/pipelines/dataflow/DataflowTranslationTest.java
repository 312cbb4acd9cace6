package dev.weakrl.pipelines.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.Step;
import dev.weakrl.common.Storage;
import dev.weakrl.pipelines.analysis.AnalyzeOptions;
import dev.weakrl.pipelines.analysis.AnalyzePipeline;
import dev.weakrl.pipelines.eval.EvalOptions;
import dev.weakrl.pipelines.eval.EvalPipeline;
import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.grid.GridPipeline;
import dev.weakrl.pipelines.grid.GridSpec;
import dev.weakrl.pipelines.prepare.PrepareOptions;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import dev.weakrl.pipelines.recipe.RecipeOptions;
import dev.weakrl.pipelines.recipe.RecipePipeline;
import dev.weakrl.study.eval.TinyCheckpoint;
import dev.weakrl.study.stages.StageManifest;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.runners.dataflow.DataflowPipelineTranslator;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.runners.dataflow.util.PropertyNames;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.construction.Environments;
import org.apache.beam.sdk.util.construction.PipelineTranslation;
import org.apache.beam.sdk.util.construction.SdkComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each pipeline translated to a Dataflow job offline, as Beam's own runner tests do (no network,
 * no credentials, nothing submitted): the job Dataflow would receive, checked for what Dataflow
 * needs of it.
 */
class DataflowTranslationTest {
  static final String TRAINING_GPU = "type:nvidia-l4;count:1;install-nvidia-driver";
  static final String SAMPLING_GPU = "type:nvidia-tesla-t4;count:1;install-nvidia-driver";
  static final String[] BOTH_GPUS = {"--trainingAccelerator=" + TRAINING_GPU, "--samplingAccelerator=" + SAMPLING_GPU};
  static final String MACHINE = "g2-standard-8";
  static final String IMAGE = "us-docker.pkg.dev/weakrl-test/weakrl/worker:latest";

  /** Dataflow options as a user passes them, with credentials and path checks that need no network. */
  static <T extends PipelineOptions> T dataflowOptions(Class<T> type, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("--runner=DataflowRunner", "--project=weakrl-test",
        "--region=us-central1", "--tempLocation=gs://weakrl-test/tmp", "--out=" + out,
        // Given, so that Beam does not look the bucket up (its soft-delete check) to derive them.
        "--gcpTempLocation=gs://weakrl-test/tmp", "--stagingLocation=gs://weakrl-test/staging",
        "--credentialFactoryClass=" + NoopCredentialFactory.class.getName(),
        "--pathValidatorClass=" + NoopPathValidator.class.getName(), "--workerMachineType=" + MACHINE,
        "--maxNumWorkers=4"));
    args.addAll(List.of(more));
    T options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(type);
    options.as(DataflowPipelineOptions.class).setFilesToStage(List.of());
    return options;
  }

  /**
   * The pipeline's portable form, which Dataflow Runner v2 runs and whose environments carry the
   * resource hints, and the v1 job translated after the runner's own transform replacements.
   */
  record Translated(RunnerApi.Pipeline portable, Job job) {}

  /** What the Dataflow runner would submit for the pipeline that {@code build} constructs, in its order. */
  static <T extends PipelineOptions> Translated translate(T options, BiConsumer<Pipeline, T> build) throws Exception {
    Pipeline pipeline = Pipeline.create(options);
    build.accept(pipeline, options);
    DataflowRunner runner = DataflowRunner.fromOptions(options);
    SdkComponents portableComponents = SdkComponents.create(options);
    portableComponents.registerEnvironment(Environments.createDockerEnvironment(IMAGE));
    RunnerApi.Pipeline portable = PipelineTranslation.toProto(pipeline, portableComponents, false);
    Method replace = DataflowRunner.class.getDeclaredMethod("replaceV1Transforms", Pipeline.class);
    replace.setAccessible(true);
    replace.invoke(runner, pipeline);
    SdkComponents components = SdkComponents.create(options);
    components.registerEnvironment(Environments.createDockerEnvironment(IMAGE));
    RunnerApi.Pipeline proto = PipelineTranslation.toProto(pipeline, components, true);
    Job job = DataflowPipelineTranslator.fromOptions(options.as(DataflowPipelineOptions.class))
        .translate(pipeline, proto, components, runner, List.of()).getJob();
    return new Translated(portable, job);
  }

  static String name(Step step) {
    return String.valueOf(step.getProperties().get(PropertyNames.USER_NAME));
  }

  static final String ACCELERATOR_URN = "beam:resources:accelerator:v1";

  static final String MAX_ACTIVE_BUNDLES_URN = "beam:resources:max_active_bundles_per_worker:v1";
  static final String TRAINING = "/Train/ParMultiDo(TrainStage)";
  static final String SAMPLING = "/SampleAndVerify/ParMultiDo(SampleAndVerify)";

  /** The transforms of the portable pipeline whose environment carries resource hint {@code urn}, with its value. */
  static Map<String, String> hinted(RunnerApi.Pipeline portable, String urn) {
    Map<String, String> hinted = new TreeMap<>();
    Map<String, RunnerApi.Environment> environments = portable.getComponents().getEnvironmentsMap();
    portable.getComponents().getTransformsMap().values().forEach(transform -> {
      RunnerApi.Environment env = environments.get(transform.getEnvironmentId());
      if (env != null && env.getResourceHintsMap().containsKey(urn)) {
        hinted.put(transform.getUniqueName(), env.getResourceHintsMap().get(urn).toStringUtf8());
      }
    });
    return hinted;
  }

  /** The worker options given reach the job's worker pool. */
  static void assertWorkers(Job job) {
    assertEquals(1, job.getEnvironment().getWorkerPools().size(), job.getEnvironment().toString());
    var pool = job.getEnvironment().getWorkerPools().get(0);
    assertEquals(MACHINE, pool.getMachineType());
    assertEquals(4, pool.getAutoscalingSettings().getMaxNumWorkers());
  }

  /** Every step is named, uniquely, and the worker options given reach the job. */
  static void assertJob(Job job) {
    assertWorkers(job);
    Set<String> names = new HashSet<>();
    for (Step step : job.getSteps()) {
      String name = name(step);
      assertFalse(name.isEmpty() || name.equals("null"), step.toString());
      assertTrue(names.add(name), "two steps named " + name);
    }
  }

  /**
   * GPUs are asked for where stages train and where evaluation samples, and nowhere else; training
   * runs one bundle per worker.
   */
  static void assertHints(RunnerApi.Pipeline portable, boolean trains) {
    Map<String, String> accelerated = hinted(portable, ACCELERATOR_URN);
    assertEquals(trains, accelerated.keySet().stream().anyMatch(n -> n.endsWith(TRAINING)), accelerated.toString());
    assertTrue(accelerated.keySet().stream().anyMatch(n -> n.endsWith(SAMPLING)), accelerated.toString());
    accelerated.forEach((name, accelerator) -> {
      assertTrue(name.endsWith(TRAINING) || name.endsWith(SAMPLING), name + " asks for an accelerator");
      assertEquals(name.endsWith(TRAINING) ? TRAINING_GPU : SAMPLING_GPU, accelerator, name);
    });
    Map<String, String> oneBundle = hinted(portable, MAX_ACTIVE_BUNDLES_URN);
    assertEquals(accelerated.keySet().stream().filter(n -> n.endsWith(TRAINING)).toList(),
        List.copyOf(oneBundle.keySet()), "one training bundle per worker, on the training steps only");
    oneBundle.values().forEach(v -> assertEquals("1", v));
  }

  @Test
  void theRecipeTranslatesWithAcceleratorsOnTrainingAndSamplingOnly(@TempDir Path out) throws Exception {
    Translated t = translate(dataflowOptions(RecipeOptions.class, out, BOTH_GPUS),
        RecipePipeline::buildPipeline);
    assertJob(t.job());
    assertHints(t.portable(), true);
  }

  @Test
  void theStudyTranslatesWithAcceleratorsOnTrainingAndSamplingOnly(@TempDir Path out) throws Exception {
    Translated t = translate(dataflowOptions(GridOptions.class, out, BOTH_GPUS),
        (pipeline, options) -> GridPipeline.buildPipeline(pipeline, options, GridSpec.study()));
    assertJob(t.job());
    assertHints(t.portable(), true);
    assertTrue(t.job().getSteps().size() > 50, t.job().getSteps().size() + " steps");
  }

  @Test
  void evalTranslatesWithTheSamplingAcceleratorOnly(@TempDir Path out) throws Exception {
    String checkpoint = TinyCheckpoint.save(out.resolve("model").toString(), 1);
    Translated t = translate(dataflowOptions(EvalOptions.class, out.resolve("runs"), "--checkpoint=" + checkpoint,
        "--benchmarks=arith:1:4", "--samplingAccelerator=" + SAMPLING_GPU), EvalPipeline::buildPipeline);
    assertJob(t.job());
    assertHints(t.portable(), false);
  }

  @Test
  void prepareTranslates(@TempDir Path out) throws Exception {
    Translated t = translate(dataflowOptions(PrepareOptions.class, out), PreparePipeline::applyStage);
    assertJob(t.job());
    assertEquals(Map.of(), hinted(t.portable(), ACCELERATOR_URN));
  }

  @Test
  void theGridTranslatesWithAcceleratorsOnTrainingAndSamplingOnly(@TempDir Path out) throws Exception {
    Translated t = translate(dataflowOptions(GridOptions.class, out, BOTH_GPUS), (pipeline, options) ->
        GridPipeline.buildPipeline(pipeline, options, GridSpec.read(Path.of("../examples/grid.json").toString())));
    assertJob(t.job());
    assertHints(t.portable(), true);
  }

  @Test
  void analyzeTranslatesOnCpuWorkers(@TempDir Path out) throws Exception {
    // analyze lists the complete RL stages of --run when it builds its pipeline; one is enough here.
    Storage.writeString(out.resolve("stages/rlvr-0123456789/" + StageManifest.FILE).toString(),
        "{\"stage\": \"rlvr\", \"status\": \"" + StageManifest.COMPLETE + "\"}");
    Translated t = translate(dataflowOptions(AnalyzeOptions.class, out), AnalyzePipeline::buildPipeline);
    assertJob(t.job());
    assertEquals(Map.of(), hinted(t.portable(), ACCELERATOR_URN));
  }
}
