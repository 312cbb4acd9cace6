package dev.weakrl.pipelines.eval;

import dev.weakrl.pipelines.WeakrlOptions;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.EvalSettings;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of {@code ./weakrl eval}: what to evaluate on which benchmarks; how to sample ({@code
 * --k}, {@code --maxTokens}, …) are {@link EvalSettings}'s options, which reach the pipeline as
 * {@code --evalOptions}.
 */
public interface EvalOptions extends WeakrlOptions {
  @Description("Checkpoint directories to evaluate, comma-separated (e.g. <out>/stages/rlvr-<key>/steps/step-000025);"
      + " Hugging Face directories (config.json, tokenizer.json, *.safetensors) too")
  @Validation.Required
  String getCheckpoint();

  void setCheckpoint(String value);

  @Description("Benchmarks, comma-separated: DOMAIN:LEVELS[:COUNT per level] (e.g. arith:1-2:50, drawn from the "
      + "held-out split) or a veRL .parquet/.jsonl path (problems the checkpoint trained on are left out and counted). "
      + "Grouped against --domain/--difficulty as held-out, harder and other domains (lock's prompts exceed the "
      + "embedded model's 512-token context)")
  @Default.String(Benchmark.DEFAULT_SPEC)
  String getBenchmarks();

  void setBenchmarks(String value);

  @Description("Seed of procedural benchmark problems; keep it apart from prepare's --seed so they are held out")
  @Default.Long(Benchmark.DEFAULT_SEED)
  long getBenchmarkSeed();

  void setBenchmarkSeed(long value);

  @Description("EvalSettings options as JSON, {\"k\": \"16\"}: what the command line's --k=16 becomes")
  Map<String, String> getEvalOptions();

  void setEvalOptions(Map<String, String> value);

  @Description("Accelerator for the sampling step as a Beam resource hint, e.g. "
      + "type:nvidia-l4;count:1;install-nvidia-driver; empty for none")
  @Default.String("")
  String getSamplingAccelerator();

  void setSamplingAccelerator(String value);
}
