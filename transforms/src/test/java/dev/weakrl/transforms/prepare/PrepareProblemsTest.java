package dev.weakrl.transforms.prepare;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Levels;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.study.prepare.TokenCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PrepareProblemsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void generatesTheSameProblemsAsAPlainLoopOverItsBlocks() {
    GenerateProblems generate = new GenerateProblems("arith", new Levels(1, 1), 1100, 7);
    List<Problem> expected = generate.blocks().stream().flatMap(b -> b.generate().stream()).toList();
    assertEquals(1100, expected.stream().map(Problem::id).distinct().count());
    PAssert.that(pipeline.apply(generate)).containsInAnyOrder(expected);
    pipeline.run();
  }

  @Test
  public void buildsEveryVariantWithTokenCounts() {
    PCollection<KV<String, Problem>> sets = pipeline.apply(new GenerateProblems("units", new Levels(1, 1), 20, 0))
        .apply(new PrepareProblems(WeakVariant.parseAll("full,scarce-4,noisy-0.5,proxy"), 8, 0));
    PAssert.that(sets.apply(Count.perKey()))
        .containsInAnyOrder(KV.of("full", 20L), KV.of("scarce-4", 8L), KV.of("noisy-0.5", 20L), KV.of("proxy", 20L));
    PAssert.that(sets).satisfies(rows -> {
      for (KV<String, Problem> row : rows) {
        assertTrue(row.toString(), Integer.parseInt(row.getValue().meta(TokenCounts.PROMPT_TOKENS).orElseThrow()) > 10);
      }
      return null;
    });
    pipeline.run();
  }

  @Test
  public void writesOneReadableFilePerVariant() throws Exception {
    String dir = tmp.newFolder("prepare").getPath();
    List<Problem> problems = List.of(Problem.of("b", "arith", 1, "1+1?", "2", null), Problem.of("a", "arith", 1, "2+2?", "4", null));
    PCollection<KV<String, Long>> counts = pipeline
        .apply(Create.of(KV.of("full", problems.get(0)), KV.of("full", problems.get(1)), KV.of("proxy", problems.get(0))))
        .apply(new WriteProblemSets(dir));
    PAssert.that(counts).containsInAnyOrder(KV.of("full", 2L), KV.of("proxy", 1L));
    pipeline.run();
    Map<String, List<String>> ids = new TreeMap<>();
    for (String variant : List.of("full", "proxy")) {
      ids.put(variant, ProblemFiles.read(WriteProblemSets.file(dir, variant)).problems().stream().map(Problem::id).toList());
    }
    assertEquals(Map.of("full", List.of("a", "b"), "proxy", List.of("b")), ids);
  }

  @Test
  public void readsProblemFilesAndWritesTheirRejectsWithRowAndReason() throws Exception {
    java.nio.file.Path input = tmp.newFile("in.jsonl").toPath();
    java.nio.file.Files.writeString(input, String.join("\n",
        "{\"data_source\":\"arith\",\"prompt\":[{\"role\":\"user\",\"content\":\"Compute: 2+3\"}],"
            + "\"reward_model\":{\"ground_truth\":\"5\"},\"extra_info\":{\"id\":\"ok\"}}",
        "{\"data_source\":\"arith\",\"reward_model\":{\"ground_truth\":\"7\"}}",
        "not json") + "\n");
    String rejects = tmp.newFolder("rejects").getPath();
    PCollection<String> ids = pipeline.apply(new ReadProblemFiles(List.of(input.toString()), rejects))
        .apply(org.apache.beam.sdk.transforms.MapElements.into(org.apache.beam.sdk.values.TypeDescriptors.strings())
            .via(Problem::id));
    PAssert.that(ids).containsInAnyOrder("ok");
    pipeline.run();
    List<String> lines = java.nio.file.Files.readAllLines(
        java.nio.file.Path.of(ReadProblemFiles.rejectsFile(rejects, input.toString())));
    assertEquals(2, lines.size());
    assertTrue(lines.get(0), lines.get(0).contains("\"row\":1") && lines.get(0).contains("prompt"));
    assertTrue(lines.get(1), lines.get(1).contains("\"row\":2"));
  }
}
