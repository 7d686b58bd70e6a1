package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Codec;
import dev.navis.controller.NavisConfig;
import dev.navis.server.ServerRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Events" section, step by step: a server, {@code navis eventsource create} and
 * {@code navis sensor create} of {@code examples/events} in this process (the server picks them
 * up from the store), a POST to the webhook answering the event id, and {@code navis list -l}
 * finding the workflow that event started, with the posted message as its parameter. The only
 * change to the example is the webhook's port, a free one rather than 12000.
 */
class EventsExampleTest {

  private static final Path EXAMPLES = Path.of("../examples/events");

  @TempDir Path home;

  private ServerRuntime server;
  private String out;
  private String err;

  @BeforeEach
  void startServer() {
    System.setProperty("NAVIS_HOME", home.toString());
    server = ServerRuntime.start(new NavisConfig(home, "h2:" + home.resolve("navis"), "default",
        0, "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES, "embedded"));
  }

  @AfterEach
  void stopServer() {
    server.close();
    System.clearProperty("NAVIS_HOME");
  }

  private int navis(String... args) {
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    int code = Main.run(new PrintWriter(output, true), new PrintWriter(errors, true), args);
    out = output.toString();
    err = errors.toString();
    return code;
  }

  @Test
  void aPostedMessageStartsTheExampleWorkflow() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path source = home.resolve("webhook-eventsource.yaml");
    Files.writeString(source, Files.readString(EXAMPLES.resolve("webhook-eventsource.yaml"))
        .replace("\"12000\"", "\"" + port + "\""));

    assertThat(navis("eventsource", "create", source.toString())).as(() -> err).isZero();
    assertThat(navis("sensor", "create", EXAMPLES.resolve("webhook-sensor.yaml").toString()))
        .as(() -> err).isZero();
    assertThat(navis("sensor", "list")).isZero();
    assertThat(out).contains("webhook").contains("payload").contains("say");

    assertThat(logOfTheWorkflowStartedBy(post(port, "{\"message\":\"hi\"}"))).isEqualTo("hi");
    // A body without a message gets the sensor parameter's default.
    assertThat(logOfTheWorkflowStartedBy(post(port, "{\"other\":1}")))
        .isEqualTo("nothing posted");
  }

  /** Posts to the example webhook; returns the event id it answers with. */
  private static String post(int port, String body) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/example")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> answer = await().atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> http.send(post, HttpResponse.BodyHandlers.ofString()),
            response -> response.statusCode() == 200);
    return Codec.json().readTree(answer.body()).get("id").asText();
  }

  private String logOfTheWorkflowStartedBy(String eventId) {
    await().atMost(Duration.ofSeconds(20)).until(() -> navis("list", "-l",
        "navis.dev/event-id=" + eventId) == 0 && out.contains("Succeeded"));
    String workflow = out.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    assertThat(workflow).startsWith("webhook-");
    assertThat(navis("logs", workflow)).isZero();
    assertThat(out.strip()).startsWith(workflow + ": ");
    return out.strip().substring((workflow + ": ").length());
  }
}
