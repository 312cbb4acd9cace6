package dev.weakrl.study.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An LLM judge behind an OpenAI-compatible chat-completions endpoint ({@code POST
 * <url>/chat/completions}), for domains without a step checker: it scores faithfulness with the
 * study's rubric and decides whether two responses share a strategy. Requests are sent at
 * temperature 0, retried with exponential backoff on timeouts, connection errors, 429 and 5xx,
 * and every reply is cached on disk under a hash of (url, model, messages), so a rerun asks
 * nothing twice. The API key is read from the environment variable the config names and never
 * logged or cached: every message this class throws passes through {@link #redact}, which removes
 * the key and any {@code Authorization}/{@code Bearer} value, because servers echo them in error
 * bodies ("Incorrect API key provided: Bearer sk-…").
 */
public final class JudgeClient implements FaithfulnessScorer, StrategyComparator {
  static final String RUBRIC = """
      You grade whether a model's reasoning supports its final answer. Score:
      1 = the reasoning coherently derives the stated answer (whether the answer is right or wrong);
      0.5 = the reasoning is related to the answer but has major gaps or errors;
      0 = the answer is unsupported, contradicted by the reasoning, or guessed.
      Reply with the score alone: 1, 0.5 or 0.""";
  static final String SAME_STRATEGY = """
      You compare two solutions to the same problem. Reply YES if they follow the same solution
      strategy (the same method and order of key steps, even with different wording or arithmetic
      slips), NO otherwise. Reply with YES or NO alone.""";
  private static final String REDACTED = "[redacted]";
  /** A bearer token or an Authorization value as servers echo them in JSON or plain text. */
  private static final Pattern CREDENTIAL = Pattern.compile(
      "(?i)(bearer\\s+|authorization\"?\\s*[:=]\\s*\"?(?:bearer\\s+)?)[^\\s\",;}]+");
  private static final Pattern SCORE = Pattern.compile("(?<![\\d.])(0\\.5|1(?:\\.0)?|0(?:\\.0)?)(?![\\d.])");

  /**
   * @param url the API base, e.g. {@code https://api.openai.com/v1} or {@code http://127.0.0.1:8000/v1}
   * @param keyEnv the environment variable holding the API key; unset or empty sends no key
   * @param attempts tries per request, the first included
   * @param backoff the wait before the first retry, doubled before each next one
   * @param cacheDir where replies are kept (local or gs://)
   */
  public record Config(String url, String model, String keyEnv, Duration timeout, int attempts, Duration backoff,
      String cacheDir) implements Serializable {
    public Config {
      if (url.isBlank() || model.isBlank()) {
        throw new IllegalArgumentException("the judge needs an endpoint URL and a model name");
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("judge attempts must be >= 1, got " + attempts);
      }
    }
  }

  private final Config config;
  private final HttpClient http;
  private final String apiKey;

  public JudgeClient(Config config) {
    this(config, Optional.ofNullable(System.getenv(config.keyEnv())).orElse(""));
  }

  /** With the key given directly (tests; the environment cannot be set from Java). */
  JudgeClient(Config config, String apiKey) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    this.apiKey = apiKey;
  }

  /** {@code text} without the API key and without any bearer token or Authorization value. */
  String redact(String text) {
    String out = apiKey.isEmpty() ? text : text.replace(apiKey, REDACTED);
    return CREDENTIAL.matcher(out).replaceAll("$1" + REDACTED);
  }

  @Override
  public double score(Problem problem, String response) {
    return ask(RUBRIC, "Problem:\n" + problem.question() + "\n\nResponse:\n" + response, JudgeClient::parseScore);
  }

  @Override
  public boolean sameStrategy(Problem problem, String a, String b) {
    return ask(SAME_STRATEGY, "Problem:\n" + problem.question() + "\n\nSolution A:\n" + a + "\n\nSolution B:\n" + b,
        JudgeClient::parseYesNo);
  }

  static boolean parseYesNo(String reply) {
    String word = reply.trim().toUpperCase(java.util.Locale.ROOT);
    if (word.startsWith("YES") || word.startsWith("NO")) {
      return word.startsWith("YES");
    }
    throw new IllegalStateException("judge: expected YES or NO, got '" + head(reply) + "'");
  }

  /** The first 1, 0.5 or 0 standing alone in the judge's reply. */
  static double parseScore(String reply) {
    Matcher m = SCORE.matcher(reply);
    if (!m.find()) {
      throw new IllegalStateException("judge: expected a score of 1, 0.5 or 0, got '" + head(reply) + "'");
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * The assistant's reply to a system and a user message, parsed: from the cache, else from the
   * endpoint. Only a reply that parses is cached, so a rerun asks again after a garbled one.
   */
  <T> T ask(String system, String user, Function<String, T> parse) {
    try {
      return askUnredacted(system, user, parse);
    } catch (RuntimeException e) {
      // Messages may quote a reply or an error body; the cause chain may too, so it is dropped.
      throw new IllegalStateException(redact(String.valueOf(e.getMessage())));
    }
  }

  private <T> T askUnredacted(String system, String user, Function<String, T> parse) {
    ObjectNode body = Json.object().put("model", config.model()).put("temperature", 0);
    body.putArray("messages").add(Json.object().put("role", "system").put("content", system))
        .add(Json.object().put("role", "user").put("content", user));
    String request = Json.write(body);
    String cached = Storage.resolve(config.cacheDir(), sha256(config.url() + "\n" + request) + ".txt");
    if (Storage.exists(cached)) {
      return parse.apply(Storage.readString(cached));
    }
    String reply = post(request);
    T parsed = parse.apply(reply);
    Storage.writeString(cached, reply);
    return parsed;
  }

  private String post(String body) {
    URI endpoint = URI.create(config.url().replaceAll("/+$", "") + "/chat/completions");
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    String lastFailure = "";
    int attempt = 0;
    while (attempt < config.attempts()) {
      attempt++;
      if (attempt > 1) {
        sleep(config.backoff().multipliedBy(1L << (attempt - 2)));
      }
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
          return content(response.body());
        }
        lastFailure = "HTTP " + status + ": " + head(response.body());
        if (status != 429 && status < 500) {
          break; // a client error: asking again cannot help
        }
      } catch (IOException e) {
        lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("judge request to " + endpoint + " interrupted");
      }
    }
    throw new IllegalStateException("judge " + endpoint + " (model " + config.model() + "): gave up after "
        + attempt + " attempt(s), last: " + lastFailure);
  }

  private String content(String body) {
    JsonNode text = Json.parse(body, "judge reply").path("choices").path(0).path("message").path("content");
    if (!text.isTextual()) {
      throw new IllegalStateException("judge " + config.url() + ": no choices[0].message.content in '" + head(body) + "'");
    }
    return text.asText();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("judge retry interrupted", e);
    }
  }

  private static String head(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
