package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.checkpoint.HfCheckpoints;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.CharTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base stage that imports a model directory instead of pre-training. */
class BaseStageTest {
  @TempDir Path dir;

  private String hfModel(String name) {
    String hf = dir.resolve(name).toString();
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(Embedded.config(), m, 3)) {
      HfCheckpoints.export(hf, model, CharTokenizer.standard(), HfCheckpoints.Precision.F32);
    }
    return hf;
  }

  @Test
  void aPreTrainedBaseKeepsTheKeyItHadBeforeImportsExisted() {
    // the recipe's measured base stage (README, "Recipe and grid"): its runs stay reusable
    assertEquals("3009fb465e", BaseStage.Options.defaults().spec(List.of()).key());
  }

  @Test
  void anImportIsKeyedByItsDirectoryAndItsFilesNotByThePreTrainingOptions() throws Exception {
    String hf = hfModel("hf");
    BaseStage.Options imported = BaseStage.Options.from(hf);
    String key = imported.spec(List.of()).key();
    assertEquals(key, imported.with("steps", 7).spec(List.of()).key(), "pre-training options do not apply");
    assertEquals(Map.of("from", hf, "fingerprint", imported.spec(List.of()).options().get("fingerprint")),
        imported.spec(List.of()).options());

    Path weights = Path.of(hf, "model.safetensors");
    Files.setLastModifiedTime(weights, FileTime.fromMillis(Files.getLastModifiedTime(weights).toMillis() + 60_000));
    assertNotEquals(key, imported.spec(List.of()).key(), "a replaced model is imported again");
    assertNotEquals(imported.spec(List.of()).key(), BaseStage.Options.from(hfModel("other")).spec(List.of()).key());
  }

  @Test
  void anImportedBaseHoldsTheModelAndItsTokenizerAndNoTrainingSet() {
    String hf = hfModel("hf");
    String out = dir.resolve("runs").toString();
    String stage = BaseStage.run(out, BaseStage.Options.from(hf), s -> {});
    assertTrue(StageManifest.isComplete(stage));
    assertTrue(stage.contains("/stages/base-"), stage);
    assertTrue(Files.exists(Path.of(stage, Embedded.MODEL, "model.parquet")));
    assertEquals(CharTokenizer.standard().vocabSize(), Embedded.tokenizer(stage).vocabSize());
    assertFalse(Files.exists(Path.of(stage, TrainingSets.FILE)), "what trained an imported model is unknown");
    assertEquals(stage, BaseStage.run(out, BaseStage.Options.from(hf), s -> {}), "imported once");
  }

  @Test
  void aDirectoryThatIsNoModelFailsBeforeAStageDirectoryExists() throws Exception {
    Path notAModel = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(notAModel.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
    String out = dir.resolve("runs").toString();
    var e = assertThrows(IllegalArgumentException.class,
        () -> BaseStage.run(out, BaseStage.Options.from(notAModel.toString()), s -> {}));
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    assertFalse(Files.exists(Path.of(out)));
  }
}
