package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineCommandTest {
  @Test
  void spaceSeparatedValuesBecomeBeamsSyntax() {
    assertEquals(List.of("--out=runs", "--rlSteps=5", "--flag", "--k=2"),
        PipelineCommand.joinValues(new String[] {"--out", "runs", "--rlSteps=5", "--flag", "--k", "2"}));
    assertEquals(List.of("--keepUnsolved"), PipelineCommand.joinValues(new String[] {"--keepUnsolved"}));
  }
}
