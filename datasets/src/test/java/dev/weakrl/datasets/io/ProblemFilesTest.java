package dev.weakrl.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Message;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.VerlEval;
import dev.weakrl.datasets.weak.WeakSupervision;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemFilesTest {
  @TempDir Path dir;

  private static Problem sample(String id) {
    TreeMap<String, String> meta = new TreeMap<>();
    meta.put("Qwen2.5-Math-7B", "6.0");
    meta.put("data_source", "unit-test");
    return new Problem(id, "arith", 3,
        List.of(new Message("system", "Be brief."), Message.user("Compute: (2+3)*4")),
        "20", "<think>\n(2+3)*4\n= 5*4\n= 20\n</think>\n\\boxed{20}", meta);
  }

  @Test
  void parquetAndJsonlRoundTripEqualProblems() {
    List<Problem> problems = List.of(sample("a"), sample("b").withGroundTruth("[\"1\",\"2\"]"),
        Problem.of("c", "island", 1, "q", "0", null));
    for (String name : List.of("p.parquet", "p.jsonl")) {
      String path = dir.resolve(name).toString();
      ProblemFiles.write(path, problems);
      ReadResult back = ProblemFiles.read(path);
      assertEquals(problems, back.problems(), name);
      assertEquals(List.of(), back.rejects(), name);
    }
  }

  @Test
  void proxyProblemsReadBackButOtherEmptyTruthsAreRejected() {
    List<Problem> proxy = WeakSupervision.proxy(List.of(sample("a"), Problem.of("c", "island", 1, "q", "0", null)));
    for (String name : List.of("proxy.parquet", "proxy.jsonl")) {
      String path = dir.resolve(name).toString();
      ProblemFiles.write(path, proxy);
      ReadResult back = ProblemFiles.read(path);
      assertEquals(proxy, back.problems(), name);
      assertEquals(List.of(), back.rejects(), name);
    }
    String path = dir.resolve("empty.jsonl").toString();
    Storage.writeString(path, String.join("\n",
        "{\"prompt\":\"2+2?\",\"reward_model\":{\"ground_truth\":\"\"}}",
        "{\"prompt\":\"2+2?\",\"reward_model\":{\"ground_truth\":\"\"},\"extra_info\":{\"withheld_label\":\"4\"}}"));
    ReadResult r = ProblemFiles.read(path);
    assertEquals(List.of(new Reject(path, 0, "reward_model.ground_truth is empty")), r.rejects());
    assertEquals("4", r.problems().get(0).meta("extra_info.withheld_label").orElseThrow());
  }

  @Test
  void malformedJsonlRowsAreRejectedWithRowAndReason() {
    String path = dir.resolve("bad.jsonl").toString();
    Storage.writeString(path, String.join("\n",
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"2+2?\"}],\"reward_model\":{\"ground_truth\":\"4\"}}",
        "{\"reward_model\":{\"ground_truth\":\"4\"}}",
        "{\"prompt\":\"What is 2+2?\",\"reward_model\":{}}",
        "not json",
        "{\"prompt\":\"What is 2+2?\",\"reward_model\":{\"ground_truth\":[\"4\",\"four\"]},\"extra_info\":\"{\\\"index\\\":7}\"}"));
    ReadResult r = ProblemFiles.read(path);
    assertEquals(5, r.rows());
    assertEquals(List.of(
        new Reject(path, 1, "missing prompt"),
        new Reject(path, 2, "missing reward_model.ground_truth"),
        new Reject(path, 3, "not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array,"
            + " Object or token 'null', 'true' or 'false')")), r.rejects());
    assertEquals("[\"4\",\"four\"]", r.problems().get(1).groundTruth());
    assertEquals("unknown-7", r.problems().get(1).id());
    assertEquals("What is 2+2?", r.problems().get(1).question());
  }

  static final String GOOD_ROW = "{\"prompt\":[{\"role\":\"user\",\"content\":\"2+2?\"}],"
      + "\"reward_model\":{\"ground_truth\":\"4\"},\"extra_info\":{\"id\":\"good\"}}";

  @Test
  void bytesThatAreNotUtf8AreARejectNotAReplacementCharacter() throws Exception {
    Path path = dir.resolve("latin1.jsonl");
    byte[] latin1 = "{\"prompt\":\"caf\u00e9?\",\"reward_model\":{\"ground_truth\":\"1\"}}"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write((GOOD_ROW + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    file.write(latin1);
    file.write('\n');
    java.nio.file.Files.write(path, file.toByteArray());
    ReadResult r = ProblemFiles.read(path.toString());
    assertEquals(List.of("good"), r.problems().stream().map(Problem::id).toList());
    assertEquals(List.of(new Reject(path.toString(), 1, "not valid UTF-8: byte 0xE9 at byte offset 14")), r.rejects());
  }

  @Test
  void aRowWithAStringPastJacksonsDefaultLimitIsRead() {
    // Jackson refuses strings over 20,000,000 characters by default; a long trace can be one.
    String trace = "x".repeat(20_000_001);
    String path = dir.resolve("long.jsonl").toString();
    Storage.writeString(path, GOOD_ROW + "\n" + GOOD_ROW.replace("\"good\"}", "\"long\",\"trace\":\"" + trace + "\"}")
        .replace("2+2?", "3+3?") + "\n");
    ReadResult r = ProblemFiles.read(path);
    assertEquals(List.of(), r.rejects());
    assertEquals(trace, r.problems().get(1).reasoningTrace().orElseThrow());
  }

  @Test
  void aProblemTheCallerCannotUseIsARejectNamingItsId() {
    String path = dir.resolve("p.jsonl").toString();
    ProblemFiles.write(path, List.of(sample("a"), Problem.of("b", "arith", 1, "tab\there", "1", null)));
    ReadResult r = ProblemFiles.readDistinct(path, p -> p.question().contains("\t")
        ? java.util.Optional.of("a tab") : java.util.Optional.empty());
    assertEquals(List.of("a"), r.problems().stream().map(Problem::id).toList());
    assertEquals(List.of(new Reject(path, 1, "b", "a tab")), r.rejects());
    String rejects = dir.resolve("r.jsonl").toString();
    ProblemFiles.writeRejects(rejects, r.rejects());
    assertEquals("{\"source\":\"" + path + "\",\"row\":1,\"id\":\"b\",\"reason\":\"a tab\"}\n",
        Storage.readString(rejects));
  }

  @Test
  void readsRealIslandFileByItsSchemaKeepingOddColumns() throws Exception {
    ReadResult r = ProblemFiles.read(VerlEval.file("test_largest_island_llama_8b"));
    assertEquals(50, r.problems().size());
    assertEquals(List.of(), r.rejects());
    Problem first = r.problems().get(0);
    assertEquals("6", first.groundTruth());
    assertEquals("test-graph-largest_island", first.domain());
    assertTrue(first.question().startsWith("You are given the following 3 x 5 binary matrix grid:"));
    assertEquals("{\"Llama-3.1-8B-Instruct\":0.0,\"Llama-3.2-3B-Instruct\":0,\"Qwen2.5-3B\":0,"
        + "\"Qwen2.5-Math-1.5B\":1.0,\"Qwen2.5-Math-7B\":6.0}", first.meta("difficulty").orElseThrow());
    assertEquals("250", first.meta("__index_level_0__").orElseThrow());
    assertEquals("largest_island", first.meta("extra_info.source_dataset").orElseThrow());

    // a real file survives our writer: same problems after a Parquet round trip
    String copy = dir.resolve("copy.parquet").toString();
    ProblemFiles.write(copy, r.problems());
    assertEquals(r.problems(), ProblemFiles.read(copy).problems());
    new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(first); // Serializable
  }

  @Test
  void everyRealFileReadsWithoutRejects() {
    for (String f : VerlEval.files()) {
      ReadResult r = ProblemFiles.read(f);
      assertEquals(List.of(), r.rejects(), f);
      assertTrue(r.problems().size() >= 30, f);
    }
  }

  @Test
  void readDistinctSetsAsideRepeatedPromptsNamingTheFirstRow() {
    String path = dir.resolve("dupes.jsonl").toString();
    ProblemFiles.write(path, List.of(Problem.of("a", "arith", 1, "Compute: 1+2", "3", null),
        Problem.of("b", "arith", 1, "Compute: 2+2", "4", null),
        Problem.of("c", "arith", 1, "  Compute:   1+2 ", "3", null)));
    ReadResult read = ProblemFiles.readDistinct(path);
    assertEquals(List.of("a", "b"), read.problems().stream().map(Problem::id).toList());
    assertEquals(List.of(new Reject(path, 2, "c", "duplicate prompt of row 0")), read.rejects());
    assertEquals(3, ProblemFiles.read(path).problems().size(), "plain read keeps every row");
  }
}
