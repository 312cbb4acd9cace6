package dev.weakrl.models.train;

/**
 * Linear warmup to {@code peak}, then cosine decay to {@code floor} at {@code totalSteps} (as
 * nanoGPT's {@code get_lr}). Steps count from 0; warmup step i runs at peak · (i + 1) / warmup.
 */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, double floor) {
  public LrSchedule {
    if (!(peak > 0) || floor < 0 || floor > peak) {
      throw new IllegalArgumentException("learning rate: need peak > 0 and 0 <= floor <= peak, got peak="
          + peak + " floor=" + floor);
    }
    if (warmupSteps < 0 || totalSteps < 1) {
      throw new IllegalArgumentException("learning rate: need warmup >= 0 and steps >= 1, got warmup="
          + warmupSteps + " steps=" + totalSteps);
    }
  }

  /** The pre-training and SFT schedule: linear warmup over 5% of the steps, cosine to a tenth of the peak. */
  public static LrSchedule warmupCosine(double peak, int totalSteps) {
    return new LrSchedule(peak, totalSteps / 20, totalSteps, peak / 10);
  }

  /** A constant rate (the RL default: the study trains GRPO at a fixed learning rate). */
  public static LrSchedule constant(double lr, int totalSteps) {
    return new LrSchedule(lr, 0, totalSteps, lr);
  }

  public double at(long step) {
    return at(step, peak, warmupSteps, totalSteps, floor);
  }

  /** The pure schedule function. */
  public static double at(long step, double peak, int warmup, int total, double floor) {
    if (step < warmup) {
      return peak * (step + 1) / warmup;
    }
    if (step >= total) {
      return floor;
    }
    double progress = (double) (step - warmup) / Math.max(1, total - warmup);
    return floor + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - floor);
  }
}
