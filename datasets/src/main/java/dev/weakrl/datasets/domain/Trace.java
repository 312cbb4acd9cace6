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
   * The step-checker label: 0 when there are no steps or the answer does not follow from the last
   * one; 1 when it does and every step is valid with none missing; 0.5 otherwise.
   */
  public static double score(boolean hasSteps, boolean answerFollows, boolean allStepsValid) {
    if (!hasSteps || !answerFollows) {
      return 0;
    }
    return allStepsValid ? 1 : 0.5;
  }
}
