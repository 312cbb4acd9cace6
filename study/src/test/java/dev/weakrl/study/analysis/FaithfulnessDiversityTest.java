package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.ArithDomain;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaithfulnessDiversityTest {
  static ScoredRollout rollout(String answer, boolean correct, double faithfulness) {
    return new ScoredRollout("p", "text " + answer, answer, correct, faithfulness);
  }

  @Test
  void faithfulnessSummaryCountsLabelsAndAlignmentAmongCorrect() {
    FaithfulnessSummary s = FaithfulnessSummary.of(List.of(
        rollout("1", true, 1), rollout("1", true, 0.5), rollout("2", false, 1), rollout("3", false, 0)));
    assertEquals(4, s.rollouts());
    assertEquals(0.5, s.faithful());
    assertEquals(0.25, s.partial());
    assertEquals(0.25, s.unfaithful());
    assertEquals(0.5, s.correct());
    assertEquals(0.5, s.alignedAmongCorrect());
    assertTrue(Double.isNaN(FaithfulnessSummary.of(List.of(rollout("2", false, 1))).alignedAmongCorrect()));
  }

  @Test
  void stepCheckersLabelReferenceTracesFaithfulAndBareAnswersNot() {
    Problem p = new ArithDomain().generate(new Random(3), 2);
    FaithfulnessScorer scorer = FaithfulnessScorer.stepCheckers();
    assertEquals(1.0, scorer.score(p, p.trace()));
    assertEquals(0.0, scorer.score(p, "The answer is \\boxed{" + p.groundTruth() + "}."));
  }

  @Test
  void distinctAnswersAndDistinctN() {
    assertEquals(2, Diversity.distinctAnswers(List.of("4", "4", "5", "")));
    // bigrams: (a b)(b c) and (a b)(b d): 3 distinct of 4
    assertEquals(0.75, Diversity.distinctN(List.of("a b c", "a b d"), 2));
    assertEquals(0.0, Diversity.distinctN(List.of("a", ""), 2));
  }

  @Test
  void greedyClustersEffectiveCountAndDiv() {
    List<Integer> sizes = Diversity.clusterSizes(List.of("a1", "b1", "a2", "c1", "a3"), (x, y) -> x.charAt(0) == y.charAt(0));
    assertEquals(List.of(3, 1, 1), sizes);
    assertEquals(1.0, Diversity.effectiveClusters(List.of(4)), 1e-12);
    assertEquals(4.0, Diversity.effectiveClusters(List.of(1, 1, 1, 1)), 1e-12);
    assertEquals(2.0, Diversity.effectiveClusters(List.of(3, 3)), 1e-12);
    assertEquals(0.0, Diversity.strategyDiversity(1.0, 8));
    assertEquals(1.0, Diversity.strategyDiversity(4.0, 4));
    assertEquals(0.0, Diversity.strategyDiversity(1.0, 1));
  }

  @Test
  void stepSignaturesSeparateReductionOrderNotNumbers() {
    String a = "<think>\n3+4*5\n= 3+20\n= 23\n</think>\n\\boxed{23}";
    String sameShape = "<think>\n1+2*6\n= 1+12\n= 13\n</think>\n\\boxed{13}";
    String otherOrder = "<think>\n3+4*5\n= 7*5\n= 35\n</think>\n\\boxed{35}";
    assertEquals(StrategyComparator.stepSignature(a), StrategyComparator.stepSignature(sameShape));
    assertNotEquals(StrategyComparator.stepSignature(a), StrategyComparator.stepSignature(otherOrder));
  }

  @Test
  void promptDiversityOverAllAndFaithfulResponses() {
    Problem p = new ArithDomain().generate(new Random(1), 1);
    String x = "<think>\n1+2*3\n= 1+6\n= 7\n</think>\n\\boxed{7}";
    String y = "<think>\n1+2*3\n= 3*3\n= 9\n</think>\n\\boxed{9}";
    List<ScoredRollout> rollouts = List.of(new ScoredRollout("p", x, "7", true, 1), new ScoredRollout("p", x, "7", true, 1),
        new ScoredRollout("p", y, "9", false, 0.5), new ScoredRollout("p", y, "9", false, 0.5));
    PromptDiversity d = PromptDiversity.of(p, rollouts, StrategyComparator.stepSignatures(), 2);
    assertEquals(4, d.responses());
    assertEquals(2, d.distinctAnswers());
    assertEquals(2, d.clusters());
    assertEquals(2.0, d.effectiveClusters(), 1e-12);
    assertEquals(1.0 / 3, d.diversity(), 1e-12);
    assertEquals(2, d.faithfulResponses());
    assertEquals(1, d.faithfulClusters());
    assertEquals(0.0, d.faithfulDiversity(), 1e-12);
  }
}
