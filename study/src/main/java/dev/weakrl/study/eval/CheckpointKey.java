package dev.weakrl.study.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a checkpoint's evaluation directory {@code <out>/eval/<key>/}. A stage's model
 * ({@code …/stages/sft-3f2a…/model}) is {@code sft-3f2a…}; an RL step checkpoint
 * ({@code …/stages/rlvr-9c1e…/steps/step-000025}) is {@code rlvr-9c1e…-step-000025}. Any other
 * directory is its name plus a short hash of its full path, so two directories both named
 * {@code model} do not share results.
 */
public final class CheckpointKey {
  private static final Pattern STAGE =
      Pattern.compile(".*/stages/([a-z0-9]+-[0-9a-f]+)/(?:model|steps/(step-\\d+))/?$");

  private CheckpointKey() {}

  public static String of(String path) {
    Matcher m = STAGE.matcher(path);
    if (m.matches()) {
      return m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2);
    }
    String trimmed = path.replaceAll("/+$", "");
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(trimmed.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(hash).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
