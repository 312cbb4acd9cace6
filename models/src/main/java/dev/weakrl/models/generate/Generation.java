package dev.weakrl.models.generate;

/**
 * One continuation.
 *
 * @param tokens the generated tokens (a stop token, when hit, is the last)
 * @param stopped whether a stop token ended it (false: it hit the token limit)
 */
public record Generation(int[] tokens, boolean stopped) {}
