package dev.weakrl.pipelines.cli;

import dev.weakrl.common.ParquetFiles;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.io.ReadResult;
import dev.weakrl.datasets.io.VerlLayout;

/** {@code data inspect FILE}: schema, row count, a sample row and reject counts. */
final class DataInspectCommand implements Command {
  @Override
  public String name() {
    return "data inspect";
  }

  @Override
  public String summary() {
    return "print a problem file's schema, row count, a sample row and rejects";
  }

  @Override
  public Args args() {
    return new Args("./weakrl data inspect FILE [--rejects OUT]")
        .positional("FILE")
        .option("rejects", null, "also write the rejected rows (file, row, reason) to OUT as JSONL");
  }

  @Override
  public int run(Args args) {
    String file = args.positional(0, "FILE");
    if (ProblemFiles.Format.of(file) == ProblemFiles.Format.PARQUET) {
      System.out.println("schema:\n" + ParquetFiles.schema(file));
    }
    ReadResult result = ProblemFiles.read(file);
    if (args.has("rejects")) {
      ProblemFiles.writeRejects(args.get("rejects"), result.rejects());
    }
    System.out.printf("rows: %d  problems: %d  rejected: %d%n",
        result.rows(), result.problems().size(), result.rejects().size());
    if (!result.problems().isEmpty()) {
      System.out.println("sample row (as weakrl writes it):");
      System.out.println(VerlLayout.toRow(result.problems().get(0)).toPrettyString());
    }
    result.rejects().stream().limit(20).forEach(r -> System.out.println("reject: " + r));
    return 0;
  }
}
