package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The faithfulness and diversity of one checkpoint of a run on its training prompts.
 *
 * @param step 0 for the pre-RL model
 * @param scorer which scorer labelled faithfulness: {@code step-checker} or {@code judge:<model>}
 */
public record ProbeResult(String run, String checkpoint, long step, String scorer, FaithfulnessSummary faithfulness,
    List<PromptDiversity> diversity) implements Serializable {
  public ProbeResult {
    diversity = List.copyOf(diversity);
  }

  /** Mean Div over prompts, over all responses ({@code faithfulOnly} false) or the faithful ones. */
  /** The probe of {@code run}'s pre-RL model (step 0) among {@code probes}. */
  public static Optional<ProbeResult> preRl(List<ProbeResult> probes, String run) {
    return probes.stream().filter(p -> p.run().equals(run) && p.step() == 0).findFirst();
  }

  public double meanDiversity(boolean faithfulOnly) {
    return Stats.mean(diversity.stream()
        .map(d -> faithfulOnly ? d.faithfulDiversity() : d.diversity()).toList());
  }
}
