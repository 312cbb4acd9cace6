package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.Json;
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
  @Test
  void calibratesOnAStudysRunsAndPredictsTheNearerRegime(@TempDir Path dir) {
    String analysis = dir.toString();
    Json.writeFile(analysis + "/" + AnalysisReport.REPORT_JSON, Map.of("runs", List.of(
        Map.of("name", "a", "regime", "gradual", "faithfulness", 0.8),
        Map.of("name", "b", "regime", "rapid", "faithfulness", 0.2),
        Map.of("name", "c", "regime", "rapid", "faithfulness", 0.4),
        Map.of("name", "d", "regime", "unsaturated", "faithfulness", 0.9),
        Map.of("name", "e", "regime", "rapid"))));
    Diagnosis.Calibration c = Diagnosis.calibration(analysis);
    assertEquals(List.of(0.8), c.gradual(), "saturated runs with a pre-RL probe only");
    assertEquals(List.of(0.2, 0.4), c.rapid());
    Diagnosis.Calibration fromFile = Diagnosis.calibration(analysis + "/" + AnalysisReport.REPORT_JSON);
    assertEquals(List.of(c.gradual(), c.rapid()), List.of(fromFile.gradual(), fromFile.rapid()),
        "the directory or its report.json");
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
