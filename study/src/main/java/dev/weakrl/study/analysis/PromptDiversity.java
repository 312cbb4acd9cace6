package dev.weakrl.study.analysis;

import dev.weakrl.datasets.Problem;
import java.io.Serializable;
import java.util.List;

/**
 * Diversity of the K responses to one prompt ({@link Diversity}), over all responses and over the
 * faithful ones only (K′ of them).
 *
 * @param distinctN distinct-n of the response texts (n given by the caller)
 * @param clusters strategy clusters; {@code effectiveClusters} N_eff; {@code diversity} Div
 */
public record PromptDiversity(String problemId, int responses, int distinctAnswers, double distinctN, int clusters,
    double effectiveClusters, double diversity, int faithfulResponses, int faithfulClusters,
    double faithfulEffectiveClusters, double faithfulDiversity) implements Serializable {

  public static PromptDiversity of(Problem problem, List<ScoredRollout> rollouts, StrategyComparator strategies,
      int n) {
    List<String> texts = rollouts.stream().map(ScoredRollout::response).toList();
    List<String> faithful = rollouts.stream().filter(ScoredRollout::faithful).map(ScoredRollout::response).toList();
    List<Integer> all = Diversity.clusterSizes(texts, (a, b) -> strategies.sameStrategy(problem, a, b));
    List<Integer> kept = Diversity.clusterSizes(faithful, (a, b) -> strategies.sameStrategy(problem, a, b));
    double nEff = Diversity.effectiveClusters(all);
    double keptNEff = faithful.isEmpty() ? 0 : Diversity.effectiveClusters(kept);
    return new PromptDiversity(problem.id(), texts.size(),
        Diversity.distinctAnswers(rollouts.stream().map(ScoredRollout::answer).toList()),
        Diversity.distinctN(texts, n), all.size(), nEff, Diversity.strategyDiversity(nEff, texts.size()),
        faithful.size(), kept.size(), keptNEff, Diversity.strategyDiversity(keptNEff, faithful.size()));
  }
}
