package dev.weakrl.models.generate;

/**
 * One continuation.
 *
 * @param tokens the generated tokens (a stop token, when hit, is the last)
 * @param logProbs log-probability of each token under the sampling distribution (temperature
 *     applied, before top-p truncation)
 * @param stopped whether a stop token ended it (false: it hit the token limit)
 */
public record Generation(int[] tokens, float[] logProbs, boolean stopped) {}
