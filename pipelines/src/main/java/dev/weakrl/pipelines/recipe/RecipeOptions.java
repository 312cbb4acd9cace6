package dev.weakrl.pipelines.recipe;

import dev.weakrl.pipelines.analysis.AnalyzeOptions;
import dev.weakrl.pipelines.prepare.PrepareOptions;
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

  @Description("Stage options as JSON, {\"rlvr.lr\": \"3e-4\", \"sft.steps\": \"800\"}: what the command line's "
      + "--rlvr.lr=3e-4 --sft.steps=800 become (any option of base, cpt, sft, rlvr except the domain, difficulty and "
      + "problem set, which the recipe sets)")
  Map<String, String> getStageOptions();

  void setStageOptions(Map<String, String> value);

  @Description("A named set of stage options applied under the command line's (see --help): e.g. paper")
  @Default.String("")
  String getPreset();

  void setPreset(String value);

  @Description("Evaluation benchmarks (eval's --benchmarks syntax), grouped against --domain/--difficulty as held-out "
      + "(the training domain and level), harder (its higher levels) and other domains; sized so that the held-out "
      + "standard errors are at most 0.03")
  @Default.String("arith:1:300,arith:2-3:32,island:1:32,units:1:32")
  String getEvalBenchmarks();

  void setEvalBenchmarks(String value);

  @Description("Seed of the procedural evaluation problems, apart from prepare's and the stages' seeds")
  @Default.Long(1_000_003)
  long getEvalSeed();

  void setEvalSeed(long value);

  @Description("Sampled responses per evaluation problem (plus one greedy)")
  @Default.Integer(4)
  int getEvalK();

  void setEvalK(int value);

  @Description("Most new tokens per evaluation response; 0 = each benchmark's longest reference solution x 1.3")
  @Default.Integer(0)
  int getEvalMaxTokens();

  void setEvalMaxTokens(int value);

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
