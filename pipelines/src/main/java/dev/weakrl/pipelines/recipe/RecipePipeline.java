package dev.weakrl.pipelines.recipe;

import dev.weakrl.common.Storage;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.pipelines.analysis.AnalyzePipeline;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import dev.weakrl.study.analysis.AnalysisConfig;
import dev.weakrl.study.analysis.Claims;
import dev.weakrl.study.analysis.SaturationSettings;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.EvalManifest;
import dev.weakrl.study.eval.EvalSettings;
import dev.weakrl.study.stages.BaseStage;
import dev.weakrl.study.stages.CptStage;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.RlvrStage;
import dev.weakrl.study.stages.SftStage;
import dev.weakrl.study.stages.StageOptions;
import dev.weakrl.transforms.analysis.AnalyzeRuns;
import dev.weakrl.transforms.eval.EvaluateCheckpoints;
import dev.weakrl.transforms.eval.SkipEvaluated;
import dev.weakrl.transforms.eval.WriteBenchmarks;
import dev.weakrl.transforms.eval.WriteEvaluation;
import dev.weakrl.transforms.recipe.ApplyStage;
import dev.weakrl.transforms.recipe.RlCheckpoints;
import dev.weakrl.transforms.recipe.RunStages;
import dev.weakrl.transforms.recipe.StageRun;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code ./weakrl recipe}: prepare → base → CPT → SFT → RLVR → eval in one pipeline. Each training
 * stage is a {@link RunStages} level (content-addressed, skipped when complete); RLVR trains on the
 * prepared problems; eval covers the model after every stage and every RLVR step checkpoint.
 */
public final class RecipePipeline {
  private RecipePipeline() {}

  /** Runs the recipe; returns its report (artifacts and the accuracy table). */
  public static RecipeReport run(RecipeOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options);
    PreparePipeline.finish(pipeline, options); // a failure marks the prepare stage failed
    return RecipeReport.read(options.getOut(), Plan.of(options), AnalyzePipeline.reportPath(options.getOut()));
  }

  /** The run length the analysis's {@code --tail} and {@code --rapidBelow} are given for: the paper's. */
  public static final long PAPER_RL_STEPS = 500;

  /**
   * The last stage: {@code analyze}'s composite over {@code rlvrDirs} once {@code evaluated} (the
   * evaluation files it reads) is written, judged by {@code claims}. {@code --tail} and {@code
   * --rapidBelow} (50 and 100 by default) are read as given for {@link #PAPER_RL_STEPS}-step runs and
   * scaled to {@code rlSteps}, so that a 100-step run has a tail of 10 and counts t_sat &lt; 20 as rapid.
   */
  public static void analyze(PCollection<String> rlvrDirs, PCollection<String> evaluated, RecipeOptions o,
      long rlSteps, Claims.Thresholds claims) {
    AnalysisConfig config = AnalyzePipeline.config(o, o.getOut()).withClaims(claims);
    SaturationSettings s = config.saturation();
    config = config.withSaturation(new SaturationSettings(s.epsilon(), scaled(s.tail(), rlSteps),
        scaled(s.rapidBelow(), rlSteps), s.smoothWindow()));
    rlvrDirs.apply("AfterEvaluation", Wait.on(evaluated)).apply("Analyze", AnalyzeRuns.of(o.getOut(), config));
  }

  /** {@code steps}, given for a {@link #PAPER_RL_STEPS}-step run, for one of {@code rlSteps}: at least 1. */
  static long scaled(long steps, long rlSteps) {
    return Math.max(1, Math.round((double) steps * rlSteps / PAPER_RL_STEPS));
  }

  /**
   * The recipe's stages: each stage's defaults, changed by the preset, then a grid spec's stage
   * options, then {@code --stageOptions}; the recipe sets every stage's domain and level from
   * {@code --domain} and {@code --difficulty}, and RLVR's problems from the prepared set.
   */
  public record Plan(BaseStage.Options base, CptStage.Options cpt, SftStage.Options sft, RlvrStage.Options rlvr,
      EvalSettings eval, String prepared) {
    /** The evaluation's options, {@code --eval.<option>}, beside the stages'. */
    public static final String EVAL = "eval";
    /** Each stage's options record, and the evaluation's, by the prefix of their options. */
    public static final Map<String, Class<? extends Record>> STAGES = stages();
    /** The options of each stage that the recipe sets from its own, by stage. */
    public static final Map<String, Set<String>> SET_BY_RECIPE = Map.of(BaseStage.NAME, Set.of(), CptStage.NAME,
        Set.of("domain"), SftStage.NAME, Set.of("domain", "difficulty"), RlvrStage.NAME,
        Set.of("domain", "difficulty", "problemSet"), EVAL, Set.of("domain", "difficulty"));

    public static Plan of(RecipeOptions o) {
      return of(o, Map.of());
    }

    /** {@code specOptions}: a grid spec's stage options ({@code "rlvr.lr": 3e-4}). */
    public static Plan of(RecipeOptions o, Map<String, ?> specOptions) {
      Map<String, Object> given = new LinkedHashMap<>(Presets.get(o.getPreset()));
      given.putAll(specOptions);
      given.putAll(o.getStageOptions() == null ? Map.of() : o.getStageOptions());
      Map<String, Map<String, Object>> byStage = byStage(given);
      String prepared = PreparePipeline.spec(o).dir(o.getOut());
      byStage.get(CptStage.NAME).put("domain", o.getDomain());
      byStage.get(SftStage.NAME).putAll(Map.of("domain", o.getDomain(), "difficulty", o.getDifficulty()));
      byStage.get(RlvrStage.NAME).putAll(Map.of("domain", o.getDomain(), "difficulty", o.getDifficulty(),
          "problemSet", Storage.resolve(prepared, "full.parquet")));
      byStage.get(EVAL).putAll(Map.of("domain", o.getDomain(), "difficulty", o.getDifficulty()));
      return new Plan(StageOptions.with(BaseStage.Options.defaults(), byStage.get(BaseStage.NAME)),
          StageOptions.with(CptStage.Options.defaults(), byStage.get(CptStage.NAME)),
          StageOptions.with(SftStage.Options.defaults(), byStage.get(SftStage.NAME)),
          StageOptions.with(RlvrStage.Options.defaults(), byStage.get(RlvrStage.NAME)),
          OptionRecords.with(EvalSettings.defaults(), byStage.get(EVAL), EVAL + "."),
          prepared);
    }

    private static Map<String, Class<? extends Record>> stages() {
      Map<String, Class<? extends Record>> stages = new LinkedHashMap<>();
      stages.put(BaseStage.NAME, BaseStage.Options.class);
      stages.put(CptStage.NAME, CptStage.Options.class);
      stages.put(SftStage.NAME, SftStage.Options.class);
      stages.put(RlvrStage.NAME, RlvrStage.Options.class);
      stages.put(EVAL, EvalSettings.class);
      return Collections.unmodifiableMap(stages);
    }

    /** {@code stage.option} keys split by stage; a key of no stage, or one the recipe sets, is an error. */
    static Map<String, Map<String, Object>> byStage(Map<String, ?> options) {
      Map<String, Map<String, Object>> byStage = new LinkedHashMap<>();
      STAGES.keySet().forEach(stage -> byStage.put(stage, new LinkedHashMap<>()));
      options.forEach((key, value) -> {
        int dot = key.indexOf('.');
        String stage = dot < 0 ? "" : key.substring(0, dot);
        if (!byStage.containsKey(stage)) {
          throw new IllegalArgumentException("stage option --" + key + ": expected <stage>.<option> with stage one of "
              + STAGES.keySet());
        }
        String option = key.substring(dot + 1);
        if (SET_BY_RECIPE.get(stage).contains(option)) {
          throw new IllegalArgumentException("--" + key + ": the recipe sets it (from --domain, --difficulty and the"
              + " prepared problems)");
        }
        byStage.get(stage).put(option, value);
      });
      return byStage;
    }
  }

  /** Builds the recipe's DAG; returns the directories of the checkpoints it evaluates. */
  public static PCollection<String> buildPipeline(Pipeline pipeline, RecipeOptions o) {
    Plan plan = Plan.of(o);
    RunStages runStages = RunStages.in(o.getOut()).withAccelerator(o.getTrainingAccelerator());
    PCollection<String> prepared = PreparePipeline.applyStage(pipeline, o);
    PCollection<String> base = pipeline.apply("Base", Create.of(new StageRun(plan.base(), "")))
        .apply("TrainBase", runStages);
    PCollection<String> cpt = base.apply("Cpt", ApplyStage.with(List.of(plan.cpt()), runStages));
    PCollection<String> sft = cpt.apply("Sft", ApplyStage.with(List.of(plan.sft()), runStages));
    PCollection<String> rlvr = sft
        .apply("AfterPrepare", Wait.on(prepared))
        .apply("Rlvr", ApplyStage.with(List.of(plan.rlvr()), runStages));
    PCollection<String> checkpoints = PCollectionList.of(PCollectionList.of(base).and(cpt).and(sft)
            .apply("StageDirs", Flatten.pCollections())
            .apply("Models", MapElements.into(TypeDescriptors.strings()).via(dir -> Storage.resolve(dir, Embedded.MODEL))))
        .and(rlvr.apply("RlCheckpoints", new RlCheckpoints()))
        .apply("Checkpoints", Flatten.pCollections());
    PCollection<String> evaluated = checkpoints.apply("EvaluateAll", evaluation(o, plan.eval()));
    analyze(rlvr, evaluated, o, plan.rlvr().steps(), Claims.Thresholds.defaults());
    return checkpoints;
  }

  /** The evaluation benchmarks. */
  public static List<Benchmark> benchmarks(RecipeOptions o) {
    try {
      return Benchmark.parseAll(o.getBenchmarks(), o.getBenchmarkSeed());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--benchmarks: " + e.getMessage(), e);
    }
  }

  /**
   * Evaluates checkpoint directories on the recipe's benchmarks, written under {@code <out>/eval/},
   * except those already evaluated so ({@link SkipEvaluated}); outputs what it wrote.
   */
  public static PTransform<PCollection<String>, PCollection<String>> evaluation(RecipeOptions o, EvalSettings settings) {
    List<Benchmark> benchmarks = benchmarks(o);
    EvaluateCheckpoints evaluate = EvaluateCheckpoints.on(benchmarks, settings)
        .withAccelerator(o.getSamplingAccelerator());
    String identity = EvalManifest.identity(settings, benchmarks);
    SkipEvaluated skip = new SkipEvaluated(o.getOut(), identity);
    WriteEvaluation write = new WriteEvaluation(o.getOut(), identity);
    WriteBenchmarks writeBenchmarks = new WriteBenchmarks(benchmarks, o.getOut());
    return new PTransform<>() {
      @Override
      public PCollection<String> expand(PCollection<String> checkpoints) {
        return PCollectionList.of(checkpoints.getPipeline().apply("WriteBenchmarks", writeBenchmarks))
            .and(checkpoints.apply("SkipEvaluated", skip).apply("Evaluate", evaluate).apply("WriteEvaluation", write))
            .apply("Written", Flatten.pCollections());
      }
    };
  }
}
