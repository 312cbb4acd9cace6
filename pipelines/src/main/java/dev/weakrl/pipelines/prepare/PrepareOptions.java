package dev.weakrl.pipelines.prepare;

import dev.weakrl.pipelines.WeakrlOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code ./weakrl prepare}. */
public interface PrepareOptions extends WeakrlOptions {
  @Description("Procedural domain to generate: arith, island, lock or units")
  @Default.String("arith")
  String getDomain();

  void setDomain(String value);

  @Description("Difficulty levels to generate, L or L1-L2")
  @Default.String("1-2")
  String getLevels();

  void setLevels(String value);

  @Description("Problems to generate per level")
  @Default.Integer(512)
  int getCount();

  void setCount(int value);

  @Description("Seed of the generated problems and of the weak-supervision variants")
  @Default.Long(0)
  long getSeed();

  void setSeed(long value);

  @Description("veRL Parquet or JSONL files to read instead of generating, comma-separated")
  @Default.String("")
  String getInput();

  void setInput(String value);

  @Description("Training sets to build, comma-separated: full, scarce-N, noisy-G (fraction of wrong labels), proxy")
  @Default.String("full,scarce-8,noisy-0.2,proxy")
  String getVariants();

  void setVariants(String value);

  @Description("Prompts a scarce set fills by repeating its N problems")
  @Default.Integer(64)
  int getScarceBatch();

  void setScarceBatch(int value);
}
