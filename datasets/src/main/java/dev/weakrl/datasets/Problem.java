package dev.weakrl.datasets;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A problem with a verifiable answer: the unit of every dataset in weakrl.
 *
 * @param id unique within its dataset
 * @param domain a {@link dev.weakrl.datasets.domain.Domains} name for procedural problems, else
 *     the file's {@code data_source}
 * @param difficulty the generator's level (1 = easiest), 0 when unknown
 * @param prompt the chat messages given to the model
 * @param groundTruth the reference answer as text (a JSON list of strings means "any of these")
 * @param trace a reference reasoning trace ({@code <think>…</think>\boxed{…}}), or null
 * @param metadata everything else the row carried, values as text (JSON for structured values);
 *     sorted by key so that files and equality are deterministic
 */
public record Problem(
    String id,
    String domain,
    int difficulty,
    List<Message> prompt,
    String groundTruth,
    String trace,
    SortedMap<String, String> metadata)
    implements Serializable {

  public Problem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(groundTruth, "groundTruth");
    if (prompt.isEmpty()) {
      throw new IllegalArgumentException("problem " + id + ": empty prompt");
    }
    prompt = List.copyOf(prompt);
    // unmodifiable view over a private TreeMap: serializable, sorted, value equality.
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }

  /** A problem with one user message and no metadata. */
  public static Problem of(
      String id, String domain, int difficulty, String userText, String truth, String trace) {
    return new Problem(
        id, domain, difficulty, List.of(Message.user(userText)), truth, trace, new TreeMap<>());
  }

  /** The text of the last user message: what a domain solves from. */
  public String question() {
    for (int i = prompt.size() - 1; i >= 0; i--) {
      if (prompt.get(i).role().equals("user")) {
        return prompt.get(i).content();
      }
    }
    return prompt.get(prompt.size() - 1).content();
  }

  public Optional<String> reasoningTrace() {
    return Optional.ofNullable(trace);
  }

  public Optional<String> meta(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  public Problem withGroundTruth(String truth) {
    return new Problem(id, domain, difficulty, prompt, truth, trace, metadata);
  }

  public Problem withId(String newId) {
    return new Problem(newId, domain, difficulty, prompt, groundTruth, trace, metadata);
  }

  public Problem withMeta(Map<String, String> more) {
    TreeMap<String, String> merged = new TreeMap<>(metadata);
    merged.putAll(more);
    return new Problem(id, domain, difficulty, prompt, groundTruth, trace, merged);
  }
}
