package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.List;

/**
 * What the faithfulness and diversity probe samples: {@code prompts} training prompts ×
 * {@code rollouts} responses at each checkpoint, drawn with {@code seed}, at the run's own RL
 * temperature and response length; {@code checkpoints} beside the pre-RL model, which is always
 * probed: {@code final} (the run's {@code model/}) or step numbers (its {@code steps/step-NNNNNN}).
 *
 * @param distinctN the n of distinct-n
 */
public record ProbeSettings(int prompts, int rollouts, List<String> checkpoints, int distinctN, long seed)
    implements Serializable {
  public static final String FINAL = "final";
  public static final int DEFAULT_PROMPTS = 8;
  public static final int DEFAULT_ROLLOUTS = 16;
  public static final int DEFAULT_DISTINCT_N = 2;

  public ProbeSettings {
    if (prompts < 1 || rollouts < 1 || distinctN < 1) {
      throw new IllegalArgumentException("--probePrompts, --probeRollouts, --distinctN must be >= 1, got "
          + prompts + ", " + rollouts + ", " + distinctN);
    }
    checkpoints = List.copyOf(checkpoints);
    for (String c : checkpoints) {
      if (!c.equals(FINAL) && !c.matches("\\d+")) {
        throw new IllegalArgumentException("--probeCheckpoints: '" + c + "' is neither 'final' nor a step number");
      }
    }
  }
}
