package dev.navis.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.navis.api.Codec;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http executor against a server on 127.0.0.1 that the tests script. */
class HttpNodeExecutorTest {

  private final BlockingQueue<NodeResult> ended = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger nodes = new AtomicInteger();
  private HttpServer server;
  private HttpNodeExecutor executor;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/echo", this::echo);
    server.createContext("/status/", exchange -> respond(exchange,
        Integer.parseInt(exchange.getRequestURI().getPath().substring(8)), "status"));
    server.createContext("/slow", exchange -> {
      await(release);
      respond(exchange, 200, "late");
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    executor = new HttpNodeExecutor(ended::add);
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    executor.close();
    server.stop(0);
  }

  @Test
  void aGetSendsItsHeadersAndTheBodyIsTheResult() throws Exception {
    NodeResult result = run("""
        url: %s/echo
        headers: [{name: X-Who, value: navis}]
        """.formatted(base));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("GET /echo who=navis body=");
    assertThat(result.message()).isNull();
    assertThat(result.exitCode()).isNull();
    assertThat(result.startedAt()).isBeforeOrEqualTo(result.finishedAt());
  }

  @Test
  void aPostSendsItsBody() throws Exception {
    NodeResult result = run("""
        method: post
        url: %s/echo
        headers: [{name: Content-Type, value: application/json}]
        body: '{"n": 1}'
        """.formatted(base));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("POST /echo who= body={\"n\": 1}");
  }

  @Test
  void bodyFromSendsDecodedBytes() throws Exception {
    NodeResult result = run("""
        method: PUT
        url: %s/echo
        bodyFrom: {bytes: aGVsbG8=}
        """.formatted(base));

    assertThat(result.result()).isEqualTo("PUT /echo who= body=hello");
  }

  @Test
  void withoutASuccessConditionA2xxSucceedsAndOtherCodesFail() throws Exception {
    NodeResult created = run("url: %s/status/204".formatted(base));
    NodeResult missing = run("url: %s/status/404".formatted(base));

    assertThat(created.phase()).isEqualTo("Succeeded");
    assertThat(missing.phase()).isEqualTo("Failed");
    assertThat(missing.message()).isEqualTo("received non-2xx response code: 404");
    assertThat(missing.result()).isEqualTo("status");
  }

  @Test
  void aSuccessConditionOnTheStatusCodeDecides() throws Exception {
    String template = """
        url: %s/status/%d
        successCondition: response.statusCode == 201
        """;

    NodeResult created = run(template.formatted(base, 201));
    NodeResult ok = run(template.formatted(base, 200));

    assertThat(created.phase()).isEqualTo("Succeeded");
    assertThat(ok.phase()).isEqualTo("Failed");
    assertThat(ok.message()).isEqualTo(
        "successCondition 'response.statusCode == 201' is false for response code 200");
  }

  @Test
  void aSuccessConditionCanReadTheBodyAndTheHeaders() throws Exception {
    NodeResult byBody = run("""
        url: %s/echo
        successCondition: 'response.body contains "GET"'
        """.formatted(base));
    NodeResult byHeader = run("""
        url: %s/status/500
        successCondition: 'response.headers["Content-Type"][0] == "text/plain"'
        """.formatted(base));
    NodeResult byMissingText = run("""
        url: %s/echo
        successCondition: 'response.body contains "google"'
        """.formatted(base));

    assertThat(byBody.phase()).isEqualTo("Succeeded");
    assertThat(byHeader.phase()).isEqualTo("Succeeded");
    assertThat(byMissingText.phase()).isEqualTo("Failed");
  }

  @Test
  void aSuccessConditionThatIsNoBooleanIsAnError() throws Exception {
    NodeResult result = run("""
        url: %s/echo
        successCondition: response.statusCode + 1
        """.formatted(base));

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).startsWith("successCondition 'response.statusCode + 1': ");
  }

  @Test
  void aRequestThatOutlivesItsTimeoutFails() throws Exception {
    long before = System.nanoTime();

    NodeResult result = run("""
        url: %s/slow
        timeoutSeconds: 1
        """.formatted(base));

    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.message()).isEqualTo("timed out after 1s waiting for GET " + base
        + "/slow");
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRefusedConnectionIsAnError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    NodeResult result = run("url: http://127.0.0.1:%d/".formatted(closedPort));

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message())
        .isEqualTo("GET http://127.0.0.1:" + closedPort + "/ failed: connection refused");
  }

  @Test
  void stopCancelsTheRequestAndReportsTheReason() throws Exception {
    NodeLaunch launch = launch("url: %s/slow".formatted(base));
    executor.start(launch);
    Thread.sleep(200);

    executor.stop(launch.workflowUid(), launch.nodeId(), "Stopped by user");
    NodeResult result = ended.poll(3, TimeUnit.SECONDS);

    assertThat(result).isNotNull();
    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).isEqualTo("Stopped by user");
    assertThat(ended.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aHeaderFromASecretNeedsKubernetes() throws Exception {
    NodeResult result = run("""
        url: %s/echo
        headers: [{name: Authorization, valueFrom: {secretKeyRef: {name: s, key: k}}}]
        """.formatted(base));

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).isEqualTo(
        "header 'Authorization': valueFrom.secretKeyRef needs Kubernetes; give the value instead");
  }

  @Test
  void aUrlThatIsNotHttpIsAnError() throws Exception {
    NodeResult result = run("url: ftp://127.0.0.1/x");

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).contains("'ftp://127.0.0.1/x'").contains("not an http");
  }

  @Test
  void recoveringAfterARestartReportsTheRequestAsInterrupted() throws Exception {
    NodeLaunch launch = launch("url: %s/echo".formatted(base));

    boolean known = executor.recover(launch);
    NodeResult result = ended.poll(3, TimeUnit.SECONDS);

    assertThat(known).isTrue();
    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).isEqualTo("interrupted by restart");
    assertThat(executor.logFile(launch.workflowUid(), launch.nodeId(), "main")).isEmpty();
  }

  private NodeResult run(String http) throws InterruptedException {
    NodeLaunch launch = launch(http);
    executor.start(launch);
    NodeResult result = ended.poll(10, TimeUnit.SECONDS);
    assertThat(result).as("end of " + launch.nodeId()).isNotNull();
    assertThat(result.nodeId()).isEqualTo(launch.nodeId());
    return result;
  }

  private NodeLaunch launch(String http) {
    String yaml = "name: call\nhttp:\n" + http.indent(2);
    try {
      Template template = Codec.yaml().readValue(yaml, Template.class);
      String nodeId = "wf-" + nodes.incrementAndGet();
      return new NodeLaunch("default", "wf", "uid-1", nodeId, "wf.call", "wf-call", template,
          Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void echo(HttpExchange exchange) throws IOException {
    String who = exchange.getRequestHeaders().getFirst("X-Who");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    respond(exchange, 200, exchange.getRequestMethod() + " " + exchange.getRequestURI()
        + " who=" + (who == null ? "" : who) + " body=" + body);
  }

  private static void respond(HttpExchange exchange, int status, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    if (status != 204) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
