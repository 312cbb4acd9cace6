package dev.weakrl.pipelines.cli;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.checkpoint.HfCheckpoints;
import dev.weakrl.models.nn.Llama;
import java.util.Arrays;
import java.util.Locale;

/** {@code ./weakrl export}: a model directory (ours or Hugging Face) written as a Hugging Face directory. */
final class ExportCommand implements Command {
  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "write a checkpoint as a Hugging Face directory (config.json, tokenizer files, model.safetensors)";
  }

  @Override
  public Args args() {
    return new Args("./weakrl export --checkpoint DIR --out DIR [--dtype f32|bf16|f16]")
        .option("checkpoint", null, "model directory: a weakrl checkpoint or a Hugging Face directory")
        .option("out", null, "the Hugging Face directory to write (replaced if present)")
        .option("dtype", "f32", "precision of the written weights: f32, bf16 or f16");
  }

  @Override
  public int run(Args args) {
    String dtype = args.get("dtype");
    HfCheckpoints.Precision precision = Arrays.stream(HfCheckpoints.Precision.values())
        .filter(p -> p.name().equals(dtype.toUpperCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new Args.UsageException("--dtype " + dtype + ": expected f32, bf16 or f16"));
    try (NDManager manager = NDManager.newBaseManager()) {
      Checkpoint.Loaded loaded = Checkpoint.load(args.get("checkpoint"), manager);
      try (Llama model = loaded.model(manager)) {
        HfCheckpoints.export(args.get("out"), model, loaded.tokenizer(), precision);
      }
    }
    System.out.println(args.get("out"));
    return 0;
  }
}
