package dev.weakrl.transforms.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class ProblemCoderTest {
  @Test
  void roundTripsProblemsWithAndWithoutTraceAndMetadata() throws Exception {
    for (Problem p : Domains.get("island").generate(Split.TRAIN, 3, 2, 0)) {
      CoderProperties.coderDecodeEncodeEqual(ProblemCoder.of(), p);
      CoderProperties.coderDecodeEncodeEqual(ProblemCoder.of(), p.withMeta(Map.of("noisy", "true")));
    }
    CoderProperties.coderDecodeEncodeEqual(ProblemCoder.of(), Problem.of("p", "d", 0, "q", "1", null));
  }
}
