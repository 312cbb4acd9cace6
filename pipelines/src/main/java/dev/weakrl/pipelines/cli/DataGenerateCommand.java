package dev.weakrl.pipelines.cli;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import java.util.List;

/** {@code data generate}: procedural problems (with thinking traces) to Parquet or JSONL. */
final class DataGenerateCommand implements Command {
  @Override
  public String name() {
    return "data generate";
  }

  @Override
  public String summary() {
    return "generate procedural problems (arith, island, lock, units) to a file";
  }

  @Override
  public Args args() {
    return new Args("./weakrl data generate --domain D --count N --difficulty L --out FILE")
        .option("domain", null, "one of " + Domains.names())
        .option("count", null, "number of problems")
        .option("difficulty", "1", "level 1..5")
        .option("out", null, "output file")
        .option("format", null, "parquet or jsonl (default: by the file name)")
        .option("seed", "0", "random seed")
        .option("split", "train", "train or heldout: the side of the one train/held-out split the prompts come from");
  }

  @Override
  public int run(Args args) {
    String out = args.get("out");
    List<Problem> problems = Domains.get(args.get("domain"))
        .generate(split(args.get("split")), args.getInt("count"), args.getInt("difficulty"),
            Long.parseLong(args.get("seed")));
    ProblemFiles.Format format = args.has("format")
        ? ProblemFiles.Format.parse(args.get("format")) : ProblemFiles.Format.of(out);
    ProblemFiles.write(out, problems, format);
    System.out.printf("wrote %d %s problems to %s%n", problems.size(), args.get("domain"), out);
    return 0;
  }

  private static Split split(String name) {
    return switch (name) {
      case "train" -> Split.TRAIN;
      case "heldout" -> Split.HELD_OUT;
      default -> throw new IllegalArgumentException("--split must be train or heldout, got '" + name + "'");
    };
  }
}
