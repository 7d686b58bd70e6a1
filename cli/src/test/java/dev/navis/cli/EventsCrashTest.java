package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code navis server} JVM right after its webhook answered 200 for an
 * event that no sensor has handled yet (the sensor was deleted before, so its durable consumer
 * waits on the bus), then the sensor stored again and a new server on the same home: the event
 * must start its workflow exactly once. The bus is a parameter, so the same run covers every
 * bus that claims to be durable.
 */
class EventsCrashTest {

  private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String EVENT_ID_LABEL = "navis.dev/event-id";

  @TempDir Path temp;

  private final List<Process> servers = new ArrayList<>();
  private Path home;
  private String busUrl;

  @AfterEach
  void stopServers() {
    servers.forEach(Process::destroyForcibly);
    System.clearProperty("NAVIS_HOME");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "nats://127.0.0.1:4222"})
  void anEventAcceptedBeforeKillNineStartsItsWorkflowOnceAfterTheRestart(String bus)
      throws Exception {
    busUrl = bus;
    home = temp.resolve("home");
    Files.createDirectories(home);
    int webhookPort = freePort();
    Path source = write("source.yaml", eventSource(webhookPort));
    // A name of its own: a JetStream consumer outlives the test on the shared NATS server.
    String sensorName = "crash-" + Long.toHexString(System.nanoTime());
    Path sensor = write("sensor.yaml", SENSOR.formatted(sensorName));

    String first = startServer("first");
    assertThat(navis("--server", first, "eventsource", "create", source.toString())).isZero();
    assertThat(navis("--server", first, "sensor", "create", sensor.toString())).isZero();
    awaitSensorLog(first, line -> line.path("msg").asText().equals("applied"));
    assertThat(navis("--server", first, "sensor", "delete", sensorName)).isZero();
    awaitWebhook(webhookPort);
    String eventId = post(webhookPort, "{\"message\":\"before the crash\"}");
    kill9(servers.getFirst());

    System.setProperty("NAVIS_HOME", home.toString());
    assertThat(navis("sensor", "create", sensor.toString())).isZero();
    String second = startServer("second");

    JsonNode started = awaitWorkflows(second, EVENT_ID_LABEL + "=" + eventId,
        items -> items.size() == 1 && "Succeeded".equals(items.get(0).at("/status/phase")
            .asText()));
    assertThat(started.get(0).at("/spec/arguments/parameters/0/value").asText())
        .isEqualTo("before the crash");
    awaitWebhook(webhookPort);
    String after = post(webhookPort, "{\"message\":\"after the restart\"}");
    awaitWorkflows(second, EVENT_ID_LABEL + "=" + after, items -> items.size() == 1);
    assertThat(get(second, "/api/v1/workflows/default").get("items")).hasSize(2);
    assertThat(get(second, "/api/v1/workflows/default?listOptions.labelSelector="
        + encode(EVENT_ID_LABEL + "=" + eventId)).get("items")).hasSize(1);
  }

  private static String eventSource(int port) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: crash}
        spec:
          webhook:
            example: {port: "%d", endpoint: /example, method: POST}
        """.formatted(port);
  }

  private static final String SENSOR = """
      apiVersion: argoproj.io/v1alpha1
      kind: Sensor
      metadata: {name: %s}
      spec:
        dependencies:
          - {name: payload, eventSourceName: crash, eventName: example}
        triggers:
          - template:
              name: echo
              argoWorkflow:
                operation: submit
                source:
                  resource:
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {generateName: crash-}
                    spec:
                      entrypoint: main
                      arguments: {parameters: [{name: message, value: none}]}
                      templates:
                        - name: main
                          container: {image: alpine, command: [echo], args: [hello]}
                parameters:
                  - src: {dependencyName: payload, dataKey: body.message}
                    dest: spec.arguments.parameters.0.value
      """;

  private Path write(String name, String text) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static int navis(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
    if (code != 0) {
      System.err.println("navis " + String.join(" ", args) + ": " + err);
    }
    return code;
  }

  private String startServer(String label) throws Exception {
    Path log = home.resolve("server-" + label + ".log");
    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "server", "--port", "0");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(log.toFile())
        .redirectErrorStream(true);
    builder.environment().put("NAVIS_HOME", home.toString());
    builder.environment().put("NAVIS_EVENT_BUS", busUrl);
    builder.environment().remove("NAVIS_STORE");
    builder.environment().remove("NAVIS_SERVER");
    Process server = builder.start();
    servers.add(server);

    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      Matcher port = PORT.matcher(Files.readString(log));
      if (port.find()) {
        return "http://127.0.0.1:" + port.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server " + label + " did not start: " + Files.readString(log));
  }

  private static void kill9(Process server) throws Exception {
    new ProcessBuilder("kill", "-9", Long.toString(server.pid())).start().waitFor();
    server.waitFor();
  }

  private static void awaitSensorLog(String server, Predicate<JsonNode> wanted)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      String lines = HTTP.send(HttpRequest.newBuilder(URI.create(server
          + "/api/v1/stream/sensors/default/logs")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : lines.lines().toList()) {
        if (wanted.test(Codec.json().readTree(line).path("result"))) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the sensor was not applied");
  }

  private static void awaitWebhook(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // the event source is still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the webhook on port " + port + " did not start");
  }

  private static String post(int port, String body) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/example"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Codec.json().readTree(answer.body()).get("id").asText();
  }

  private static JsonNode awaitWorkflows(String server, String selector,
      Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    JsonNode items = null;
    while (Instant.now().isBefore(deadline)) {
      items = get(server, "/api/v1/workflows/default?listOptions.labelSelector="
          + encode(selector)).get("items");
      if (done.test(items)) {
        return items;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("workflows " + selector + ": " + items);
  }

  private static JsonNode get(String server, String path) throws Exception {
    return Codec.json().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
