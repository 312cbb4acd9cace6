package dev.weakrl.transforms.prepare;

import dev.weakrl.datasets.Problem;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** The coder for {@link Problem} elements: datasets knows no Beam, so it cannot annotate the record. */
public final class ProblemCoder {
  private ProblemCoder() {}

  public static Coder<Problem> of() {
    return SerializableCoder.of(Problem.class);
  }
}
