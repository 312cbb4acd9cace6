package dev.weakrl.pipelines.recipe;

import dev.weakrl.pipelines.analysis.AnalyzeOptions;
import dev.weakrl.pipelines.prepare.PrepareOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of {@code ./weakrl recipe} (and the stage settings {@code ./weakrl grid} shares): the
 * prepare options, then each training stage's main settings (the rest keep the stages' defaults),
 * then the evaluation, then the analysis (its options are {@code analyze}'s). The defaults fit the whole recipe in about 10 minutes on 2 CPU cores.
 */
public interface RecipeOptions extends PrepareOptions, AnalyzeOptions {
  @Description("Difficulty level SFT and RLVR train at (RLVR takes the prepared problems of this level; "
      + "--levels must include it)")
  @Default.Integer(1)
  int getDifficulty();

  void setDifficulty(int value);

  @Description("Pre-training steps of the embedded base model (16 x 128 tokens each)")
  @Default.Integer(600)
  int getBaseSteps();

  void setBaseSteps(int value);

  @Description("Continual pre-training steps on the domain corpus (16 x 128 tokens each)")
  @Default.Integer(100)
  int getCptSteps();

  void setCptSteps(int value);

  @Description("SFT variant: thinking or nonthinking")
  @Default.String("thinking")
  String getSftVariant();

  void setSftVariant(String value);

  @Description("SFT steps (32 examples each)")
  @Default.Integer(800)
  int getSftSteps();

  void setSftSteps(int value);

  @Description("RLVR reward: verifiable, noisy, majority, self-certainty, random or format")
  @Default.String("verifiable")
  String getReward();

  void setReward(String value);

  @Description("RLVR training problems: the first N prepared problems of --difficulty (--count must cover it)")
  @Default.Integer(512)
  int getRlProblems();

  void setRlProblems(int value);

  @Description("RLVR (GRPO) steps (8 prompts x 8 responses each)")
  @Default.Integer(100)
  int getRlSteps();

  void setRlSteps(int value);

  @Description("RLVR step checkpoint interval: each step checkpoint is evaluated")
  @Default.Integer(50)
  int getCheckpointEvery();

  void setCheckpointEvery(int value);

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
