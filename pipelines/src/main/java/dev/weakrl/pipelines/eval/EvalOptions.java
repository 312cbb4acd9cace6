package dev.weakrl.pipelines.eval;

import dev.weakrl.pipelines.WeakrlOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code ./weakrl eval}. */
public interface EvalOptions extends WeakrlOptions {
  @Description("Checkpoint directories to evaluate, comma-separated (e.g. <out>/stages/rlvr-<key>/steps/step-000025)")
  @Validation.Required
  String getCheckpoint();

  void setCheckpoint(String value);

  @Description("Benchmarks, comma-separated: DOMAIN:LEVELS[:COUNT per level] (e.g. arith:1-2:50, drawn from the "
      + "held-out split) or a veRL .parquet/.jsonl path (problems the checkpoint trained on are left out and counted). "
      + "Grouped against --domain/--difficulty as held-out, harder and other domains (lock's prompts exceed the "
      + "embedded model's 512-token context)")
  @Default.String("arith:1,arith:2-3,island:1,units:1")
  String getBenchmarks();

  void setBenchmarks(String value);

  @Description("Training domain the benchmarks are grouped against (held-out: this domain at --difficulty; harder: "
      + "its higher levels; other domains)")
  @Default.String("arith")
  String getDomain();

  void setDomain(String value);

  @Description("Training difficulty level the benchmarks are grouped against")
  @Default.Integer(1)
  int getDifficulty();

  void setDifficulty(int value);

  @Description("Seed of procedural benchmark problems; keep it apart from prepare's --seed so they are held out")
  @Default.Long(1_000_003)
  long getBenchmarkSeed();

  void setBenchmarkSeed(long value);

  @Description("Sampled responses per problem (pass@k is reported for k in 1, 4, 8, 16 up to this)")
  @Default.Integer(16)
  int getK();

  void setK(int value);

  @Description("Sampling temperature of the k responses (the greedy one is extra)")
  @Default.Double(1.0)
  double getTemperature();

  void setTemperature(double value);

  @Description("Most new tokens per response; 0 = the benchmark's longest reference solution x 1.3 (1024 for files "
      + "without reference solutions), capped by the context")
  @Default.Integer(0)
  int getMaxTokens();

  void setMaxTokens(int value);

  @Description("Problems per work item: the unit the evaluation fans out over")
  @Default.Integer(8)
  int getShardSize();

  void setShardSize(int value);

  @Description("Sampling seed")
  @Default.Long(0)
  long getSeed();

  void setSeed(long value);

  @Description("Accelerator for the sampling step as a Beam resource hint, e.g. "
      + "type:nvidia-l4;count:1;install-nvidia-driver; empty for none")
  @Default.String("")
  String getSamplingAccelerator();

  void setSamplingAccelerator(String value);
}
