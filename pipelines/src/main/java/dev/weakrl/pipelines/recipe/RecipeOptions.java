package dev.weakrl.pipelines.recipe;

import dev.weakrl.pipelines.analysis.AnalyzeOptions;
import dev.weakrl.pipelines.prepare.PrepareOptions;
import dev.weakrl.study.eval.Benchmark;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of {@code ./weakrl recipe} (and of {@code ./weakrl grid}): the prepare options, the
 * training level, the stages' options ({@code --stageOptions}, which the command line fills from
 * {@code --<stage>.<option>}), the evaluation, then the analysis (its options are {@code analyze}'s).
 * The stages' defaults fit the whole recipe in about 10 minutes on 2 CPU cores.
 */
public interface RecipeOptions extends PrepareOptions, AnalyzeOptions {
  @Description("Difficulty level SFT and RLVR train at (RLVR takes the prepared problems of this level; "
      + "--levels must include it)")
  @Default.Integer(1)
  int getDifficulty();

  void setDifficulty(int value);

  @Description("Stage options as JSON, {\"rlvr.lr\": \"3e-4\", \"eval.k\": \"8\"}: what the command line's "
      + "--rlvr.lr=3e-4 --eval.k=8 become (any option of base, cpt, sft, rlvr and eval except the domain, difficulty "
      + "and problem set, which the recipe sets)")
  Map<String, String> getStageOptions();

  void setStageOptions(Map<String, String> value);

  @Description("A named set of stage options applied under the command line's (see --help): e.g. paper")
  @Default.String("")
  String getPreset();

  void setPreset(String value);

  @Description("Evaluation benchmarks (eval's --benchmarks), grouped against --domain/--difficulty as held-out (the "
      + "training domain and level), harder (its higher levels) and other domains")
  @Default.String(Benchmark.DEFAULT_SPEC)
  String getBenchmarks();

  void setBenchmarks(String value);

  @Description("Seed of the procedural evaluation problems, apart from prepare's and the stages' seeds")
  @Default.Long(Benchmark.DEFAULT_SEED)
  long getBenchmarkSeed();

  void setBenchmarkSeed(long value);

  @Description("Accelerator for the training stages as a Beam resource hint, e.g. "
      + "type:nvidia-l4;count:1;install-nvidia-driver; empty for none")
  @Default.String("")
  String getTrainingAccelerator();

  void setTrainingAccelerator(String value);

  @Description("Accelerator for evaluation sampling as a Beam resource hint; empty for none")
  @Default.String("")
  String getSamplingAccelerator();

  void setSamplingAccelerator(String value);
}
