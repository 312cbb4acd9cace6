package dev.weakrl.datasets.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.VerlEval;
import dev.weakrl.datasets.io.ProblemFiles;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every ground truth of the public evaluation files verifies against itself and against a
 * re-typeset variant of itself, as a model would write it (in a box, with {@code $}, {@code
 * \dfrac}, {@code \left( \right)} and spaces), and numeric truths against their value written
 * as {@code a/b}. At the time of writing every one of them does; a failure lists file:row, the
 * verdict, the reason and both normal forms.
 */
class VerlEvalSelfVerificationTest {
  @Test
  void everyGroundTruthVerifiesAgainstItselfAndAVariant() {
    Map<String, String> failures = new TreeMap<>();
    int checked = 0;
    for (String file : VerlEval.files()) {
      List<Problem> problems = ProblemFiles.read(file).problems();
      for (int row = 0; row < problems.size(); row++) {
        String truth = problems.get(row).groundTruth();
        String key = new File(file).getName() + ":" + row;
        List<String> answers = new ArrayList<>(
            List.of(truth, Answers.extract(variant(truth)).orElse("<none>")));
        if (MathValue.parse(MathNormalizer.normalize(truth)) instanceof MathValue.Number n
            && !n.percent()) {
          answers.add(n.value().toString());
        }
        for (String answer : answers) {
          Judgement j = MathVerifier.judge(answer, truth);
          if (!j.isCorrect()) {
            failures.put(key, j.verdict() + " " + j.reason() + ": '" + j.answerForm() + "' vs '"
                + j.truthForm() + "' (truth " + truth + ")");
          }
        }
        checked++;
      }
    }
    assertEquals(2730, checked, "rows checked");
    assertEquals(new TreeMap<>(), failures, "ground truths that do not verify");
  }

  /** The truth as a model might typeset it. */
  static String variant(String truth) {
    // a space after each comma, but not inside a thousands separator: "32, 349" is a list
    String t = truth.replace("\\frac", "\\dfrac").replaceAll(",(?!(?:\\\\!)?\\d{3}(?!\\d))", ", ");
    if (t.startsWith("(") && t.endsWith(")")) {
      t = "\\left" + t.substring(0, t.length() - 1) + "\\right)";
    }
    return "So the final answer is $\\boxed{ " + t + " }$.";
  }
}
