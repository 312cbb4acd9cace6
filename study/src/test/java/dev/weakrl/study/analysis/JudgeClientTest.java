package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weakrl.datasets.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge against a stub chat-completions server on 127.0.0.1 (no other network). */
class JudgeClientTest {
  /** The stub refuses to serve more than this: a retry loop gone wrong fails the test, not the machine. */
  static final int MAX_REQUESTS = 20;

  @TempDir Path cache;
  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  /** What the stub does with request number i (0-based): an HTTP status, or -1 to stall. */
  volatile java.util.function.IntUnaryOperator behaviour = i -> 200;
  volatile String reply = "0.5";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  void handle(HttpExchange exchange) throws IOException {
    int i = requests.getAndIncrement();
    exchange.getRequestBody().readAllBytes();
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    int status = i >= MAX_REQUESTS ? 503 : behaviour.applyAsInt(i);
    if (status < 0) {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 200;
    }
    // Like real servers, the error body echoes the credential it was given.
    byte[] body = (status == 200
        ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + reply + "\"}}]}"
        : "{\"error\":\"stub " + status + ": Incorrect API key provided: "
            + exchange.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  JudgeClient client(Duration timeout, int attempts) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    return new JudgeClient(new JudgeClient.Config(url, "stub-model", "WEAKRL_TEST_UNSET_KEY", timeout, attempts,
        Duration.ofMillis(10), cache.toString()));
  }

  JudgeClient clientWithKey(String key, int attempts) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    return new JudgeClient(new JudgeClient.Config(url, "stub-model", "WEAKRL_TEST_UNSET_KEY", Duration.ofSeconds(5),
        attempts, Duration.ofMillis(10), cache.toString()), key);
  }

  static Problem problem() {
    return Problem.of("q1", "free", 0, "What is 2+2?", "4", null);
  }

  @Test
  void scoresAndARerunIsServedFromTheCache() {
    assertEquals(0.5, client(Duration.ofSeconds(5), 3).score(problem(), "2+2 is 4. \\boxed{4}"));
    assertEquals(1, requests.get());
    assertEquals(0.5, client(Duration.ofSeconds(5), 3).score(problem(), "2+2 is 4. \\boxed{4}"));
    assertEquals(1, requests.get(), "the rerun asked nothing");
    assertEquals("null", authorizations.get(0), "no key in the environment: no Authorization header");
    reply = "YES";
    assertTrue(client(Duration.ofSeconds(5), 3).sameStrategy(problem(), "a", "b"));
    assertEquals(2, requests.get());
  }

  @Test
  void retriesAfterServerErrorsAndGivesUpOnClientErrors() {
    behaviour = i -> i < 2 ? 500 : 200;
    reply = "Score: 1";
    assertEquals(1.0, client(Duration.ofSeconds(5), 3).score(problem(), "x"));
    assertEquals(3, requests.get());

    behaviour = i -> 401;
    requests.set(0);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> client(Duration.ofSeconds(5), 3).score(problem(), "y"));
    assertEquals(1, requests.get(), "a 401 is not retried");
    assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("stub-model"), e.getMessage());
  }

  @Test
  void aStalledRequestTimesOutIsRetriedAndFailsNamingTheEndpoint() {
    behaviour = i -> -1;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> client(Duration.ofMillis(300), 2).score(problem(), "z"));
    assertEquals(2, requests.get());
    assertTrue(e.getMessage().contains("gave up after 2 attempt(s)") && e.getMessage().contains("Timeout"),
        e.getMessage());
    assertTrue(e.getMessage().contains("/v1/chat/completions"), e.getMessage());
  }

  @Test
  void anEchoedKeyIsRedactedAndTheAttemptsMadeAreReported() {
    String key = "sk-test-0123456789abcdef";
    behaviour = i -> 401;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> clientWithKey(key, 5).score(problem(), "k"));
    assertEquals("Bearer " + key, authorizations.get(0), "the key was sent");
    assertFalse(e.getMessage().contains(key) || e.getMessage().contains("sk-test"), e.getMessage());
    assertTrue(e.getMessage().contains("Bearer [redacted]"), e.getMessage());
    assertTrue(e.getMessage().contains("gave up after 1 attempt(s)"), "a 401 stops at once: " + e.getMessage());
    assertEquals(null, e.getCause(), "no cause that could carry the body");

    behaviour = i -> 503;
    requests.set(0);
    e = assertThrows(IllegalStateException.class, () -> clientWithKey(key, 3).score(problem(), "k2"));
    assertEquals(3, requests.get());
    assertTrue(e.getMessage().contains("gave up after 3 attempt(s)"), e.getMessage());
    assertFalse(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void redactsAuthorizationValuesInAnyForm() {
    JudgeClient judge = clientWithKey("k-123", 1);
    assertEquals("{\"Authorization\": \"Bearer [redacted]\"} and [redacted]",
        judge.redact("{\"Authorization\": \"Bearer abc.def\"} and k-123"));
    assertEquals("authorization=[redacted]; rest", judge.redact("authorization=xyz; rest"));
  }

  @Test
  void aGarbledReplyIsAnErrorAndIsNotCached() {
    reply = "I cannot say";
    assertThrows(IllegalStateException.class, () -> client(Duration.ofSeconds(5), 1).score(problem(), "w"));
    reply = "0";
    assertEquals(0.0, client(Duration.ofSeconds(5), 1).score(problem(), "w"));
    assertEquals(2, requests.get());
  }

  @Test
  void parsesScoresStandingAlone() {
    assertEquals(0.5, JudgeClient.parseScore("0.5"));
    assertEquals(1.0, JudgeClient.parseScore("Score: 1.0"));
    assertEquals(0.0, JudgeClient.parseScore("0"));
    assertThrows(IllegalStateException.class, () -> JudgeClient.parseScore("10"));
    assertFalse(JudgeClient.parseYesNo("No, different."));
  }
}
