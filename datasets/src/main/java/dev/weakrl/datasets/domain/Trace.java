package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.verify.Answers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reasoning-trace format shared by every domain: {@code <think>}, one step per line, {@code
 * </think>}, then {@code \boxed{answer}}. Non-thinking solutions are the boxed answer alone.
 */
public final class Trace {
  public static final String OPEN = "<think>";
  public static final String CLOSE = "</think>";

  private Trace() {}

  public static String thinking(List<String> steps, String answer) {
    return OPEN + "\n" + String.join("\n", steps) + "\n" + CLOSE + "\n" + boxed(answer);
  }

  public static String direct(String answer) {
    return "The answer is " + boxed(answer) + ".";
  }

  public static String boxed(String answer) {
    return "\\boxed{" + answer + "}";
  }

  /**
   * The step lines of {@code output}: the non-blank lines inside {@code <think>…</think>}, or,
   * without think tags, the non-blank lines before the one holding the last box.
   */
  public static List<String> steps(String output) {
    int open = output.indexOf(OPEN);
    int close = output.lastIndexOf(CLOSE);
    String body;
    if (open >= 0 && close > open) {
      body = output.substring(open + OPEN.length(), close);
    } else {
      int box = output.lastIndexOf("\\boxed");
      body = box < 0 ? "" : output.substring(0, Math.max(0, output.lastIndexOf('\n', box)));
    }
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  public static Optional<String> answer(String output) {
    return Answers.lastBoxed(output);
  }

  /**
   * The step-checker label: do the steps support the stated answer, right or wrong? 1 when every
   * step follows from the one before it (the first from the question's given values) and the
   * answer is the last step's result; 0.5 when the answer is the last step's result but a step
   * does not follow (a slip, judged against the step actually written before it, so it is
   * carried, not flagged again) or the derivation has a gap (a skipped step, an unfinished
   * derivation); 0 when there are no steps or the answer is not what the steps derive: another
   * result, or steps unrelated to the question (a given value, a number or a state restated
   * differently breaks the chain from the question to the answer).
   *
   * @param hasSteps at least one line in the domain's step format
   * @param answerDerived the answer is the last step's result, reached by steps each related to
   *     the one before it
   * @param noSlipOrGap every step follows from the one before and none is missing
   */
  public static double score(boolean hasSteps, boolean answerDerived, boolean noSlipOrGap) {
    if (!hasSteps || !answerDerived) {
      return 0;
    }
    return noSlipOrGap ? 1 : 0.5;
  }
}
