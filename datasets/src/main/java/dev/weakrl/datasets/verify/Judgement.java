package dev.weakrl.datasets.verify;

/** A verdict with the normal forms compared and, when not correct, the reason. */
public record Judgement(Verdict verdict, String answerForm, String truthForm, String reason) {
  public static Judgement correct(String answerForm, String truthForm) {
    return new Judgement(Verdict.CORRECT, answerForm, truthForm, "");
  }

  public boolean isCorrect() {
    return verdict == Verdict.CORRECT;
  }
}
