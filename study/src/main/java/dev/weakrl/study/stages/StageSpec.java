package dev.weakrl.study.stages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stage run is: its name, options and inputs. Its directory {@code
 * <out>/stages/<stage>-<key>/} is content-addressed: key = short SHA-256 of the stage name, its
 * options, its inputs' keys and {@link #CODE_VERSION}, so a changed option or input is a new run.
 */
public record StageSpec(String stage, Map<String, String> options, List<String> inputKeys) {
  /** Bump when a stage's results change for the same options (a new corpus, a fixed bug). */
  public static final String CODE_VERSION = "2";

  public StageSpec {
    options = new TreeMap<>(options);
    inputKeys = List.copyOf(inputKeys);
  }

  /** A spec whose options are the fields of an options record, as text. */
  public static StageSpec of(String stage, Record options, List<String> inputKeys) {
    Map<String, Object> fields = Json.MAPPER.convertValue(options, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    Map<String, String> text = new TreeMap<>();
    fields.forEach((k, v) -> text.put(k, String.valueOf(v)));
    return new StageSpec(stage, text, inputKeys);
  }

  public String key() {
    ObjectNode n = Json.object().put("stage", stage).put("code_version", CODE_VERSION);
    options.forEach(n.putObject("options")::put);
    inputKeys.forEach(n.putArray("inputs")::add);
    return Json.key(n);
  }

  public String dir(String out) {
    return Storage.resolve(Storage.resolve(out, "stages"), stage + "-" + key());
  }
}
