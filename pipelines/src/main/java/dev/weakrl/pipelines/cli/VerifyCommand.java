package dev.weakrl.pipelines.cli;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.datasets.verify.Judgement;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;

/** {@code verify}: exit 0 when the answer is correct, 1 when not, 2 when it cannot be judged. */
final class VerifyCommand implements Command {
  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "judge an answer against a truth (exit 0 correct, 1 wrong, 2 undecided)";
  }

  @Override
  public Args args() {
    return new Args("./weakrl verify --answer A --truth T [--domain D --prompt P]")
        .option("answer", null, "the answer, or a whole output (its last \\boxed{} is used)")
        .option("truth", null, "the ground truth")
        .option("domain", null, "a domain whose verifier to use (with --prompt)")
        .option("prompt", null, "the problem text, for domain verifiers such as lock");
  }

  @Override
  public int run(Args args) {
    String answer = Answers.extract(args.get("answer")).orElse(args.get("answer"));
    Judgement math = MathVerifier.judge(answer, args.get("truth"));
    Verdict verdict = math.verdict();
    if (args.has("domain")) {
      Problem problem = Problem.of("cli", args.get("domain"), 0, args.get("prompt"), args.get("truth"), null);
      verdict = Domains.get(args.get("domain")).verify(answer, problem);
    }
    System.out.println("verdict: " + verdict);
    System.out.println("answer:  " + math.answerForm());
    System.out.println("truth:   " + math.truthForm());
    if (!math.reason().isEmpty() && !args.has("domain")) {
      System.out.println("reason:  " + math.reason());
    }
    return switch (verdict) {
      case CORRECT -> 0;
      case INCORRECT -> 1;
      case UNDECIDED -> 2;
    };
  }
}
