package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.study.eval.TinyCheckpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosisTest {
  static final List<TableFiles.Column> SATURATION = List.of(new TableFiles.Column("run", TableFiles.Kind.TEXT),
      new TableFiles.Column("scope", TableFiles.Kind.TEXT), new TableFiles.Column("regime", TableFiles.Kind.TEXT));
  static final List<TableFiles.Column> FAITHFULNESS = List.of(new TableFiles.Column("run", TableFiles.Kind.TEXT),
      new TableFiles.Column("step", TableFiles.Kind.INTEGER), new TableFiles.Column("faithful", TableFiles.Kind.NUMBER));

  @Test
  void calibratesOnEarlierRunsAndPredictsTheNearerRegime(@TempDir Path dir) {
    String analysis = dir.toString();
    TableFiles.write(analysis + "/" + AnalysisTables.SATURATION, SATURATION, List.of(
        Map.of("run", "a", "scope", "run", "regime", "gradual"), Map.of("run", "b", "scope", "run", "regime", "rapid"),
        Map.of("run", "c", "scope", "benchmark", "regime", "rapid"), Map.of("run", "c", "scope", "held-out mean",
            "regime", "rapid"), Map.of("run", "d", "scope", "run", "regime", "unsaturated")));
    TableFiles.write(analysis + "/" + AnalysisTables.FAITHFULNESS, FAITHFULNESS, List.of(
        Map.of("run", "a", "step", 0L, "faithful", 0.8), Map.of("run", "b", "step", 0L, "faithful", 0.2),
        Map.of("run", "c", "step", 0L, "faithful", 0.4), Map.of("run", "a", "step", 50L, "faithful", 0.1)));
    Diagnosis.Calibration c = Diagnosis.calibration(analysis);
    assertEquals(List.of(0.8), c.gradual(), "pre-RL (step 0) faithfulness, once per run");
    assertEquals(List.of(0.2, 0.4), c.rapid());
    assertEquals("gradual", c.predict(0.7));
    assertEquals("rapid", c.predict(0.45));
    assertTrue(new Diagnosis.Calibration("x", List.of(), List.of(0.3)).predict(0.9).startsWith("undecided"));
  }

  @Test
  void probesATinyCheckpoint(@TempDir Path dir) {
    String checkpoint = TinyCheckpoint.save(dir.resolve("model").toString(), 1);
    List<Problem> problems = Domains.get("arith").generate(Split.TRAIN, 2, 1, 0);
    Diagnosis d = Diagnosis.of(checkpoint, problems, new ProbeSettings(2, 3, List.of(), 2, 0), Optional.empty());
    assertEquals(6, d.probe().faithfulness().rollouts());
    assertTrue(d.report().contains("faithful") && d.report().contains("pass --calibration"), d.report());
  }
}
