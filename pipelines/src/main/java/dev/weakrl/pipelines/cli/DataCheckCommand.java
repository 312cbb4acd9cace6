package dev.weakrl.pipelines.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.io.ReadResult;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;
import java.util.Optional;

/**
 * {@code data check FILE}: every label must verify against itself; rows whose prompt a domain
 * recognises are solved from the prompt and compared with the label (on a noisy-label file the
 * disagreement rate estimates the noise).
 */
final class DataCheckCommand implements Command {
  @Override
  public String name() {
    return "data check";
  }

  @Override
  public String summary() {
    return "audit labels: self-verification and domain solutions vs labels";
  }

  @Override
  public Args args() {
    return new Args("./weakrl data check FILE [--json OUT] [--rejects OUT]")
        .positional("FILE")
        .option("rejects", null, "also write the rejected rows (file, row, reason) to OUT as JSONL")
        .option("json", null, "also write the counts and disagreeing rows as JSON");
  }

  @Override
  public int run(Args args) {
    String file = args.positional(0, "FILE");
    ReadResult result = ProblemFiles.read(file);
    if (args.has("rejects")) {
      ProblemFiles.writeRejects(args.get("rejects"), result.rejects());
    }
    ObjectNode report = Json.object();
    var disagreements = report.putArray("disagreeing");
    int checked = 0;
    int agree = 0;
    int unverifiable = 0;
    for (Problem p : result.problems()) {
      if (!MathVerifier.judge(p.groundTruth(), p.groundTruth()).isCorrect()) {
        unverifiable++;
      }
      Optional<Domain> domain = Domains.recognise(p);
      Optional<String> solved = domain.flatMap(d -> d.solve(p.question()));
      if (solved.isEmpty()) {
        continue;
      }
      checked++;
      // the label judged as an answer to the problem whose truth is the solved one
      if (domain.get().verify(p.groundTruth(), p.withGroundTruth(solved.get())) == Verdict.CORRECT) {
        agree++;
      } else {
        disagreements.addObject().put("id", p.id()).put("label", p.groundTruth()).put("solved", solved.get());
      }
    }
    report.put("file", file).put("rows", result.rows()).put("checked", checked).put("agree", agree)
        .put("disagree", checked - agree).put("rejected", result.rejects().size())
        .put("labels_not_self_verifying", unverifiable);
    System.out.printf("rows %d  checked %d  agree %d  disagree %d  rejected %d  labels_not_self_verifying %d%n",
        result.rows(), checked, agree, checked - agree, result.rejects().size(), unverifiable);
    disagreements.forEach(d -> System.out.println("disagree: " + d));
    if (args.has("json")) {
      Json.writeFile(args.get("json"), report);
    }
    return 0;
  }
}
