package dev.navis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.controller.NavisConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event source, sensor, log and event endpoints over real HTTP, on the embedded bus. */
class EventsApiTest {

  @TempDir static Path home;
  static ServerRuntime runtime;
  static ApiClient api;
  static int webhookPort;

  @BeforeAll
  static void startServer() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      webhookPort = free.getLocalPort();
    }
    runtime = ServerRuntime.start(new NavisConfig(home, "h2:" + home.resolve("navis"),
        "default", 0, "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES, "embedded"));
    api = new ApiClient(runtime.port(), null);
  }

  @AfterAll
  static void stopServer() {
    runtime.close();
  }

  static String eventSource(String name, int port, String labels) {
    return """
        metadata: {name: %s, labels: {%s}}
        spec:
          webhook:
            example: {port: "%d", endpoint: /example, method: POST}
        """.formatted(name, labels, port);
  }

  static final String SENSOR = """
      metadata: {name: %s}
      spec:
        dependencies:
          - {name: payload, eventSourceName: %s, eventName: example}
        triggers:
          - template:
              name: hello
              argoWorkflow:
                operation: submit
                source:
                  resource:
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {generateName: hello-}
                    spec:
                      entrypoint: main
                      arguments: {parameters: [{name: message, value: none}]}
                      templates:
                        - name: main
                          inputs: {parameters: [{name: message}]}
                          container:
                            image: alpine
                            command: [echo]
                            args: ["{{inputs.parameters.message}}"]
                parameters:
                  - src: {dependencyName: payload, dataKey: body.message}
                    dest: spec.arguments.parameters.0.value
      """;

  static String body(String field, String yaml) throws IOException {
    return Codec.toJson(Map.of("namespace", "default", field, Codec.yaml().readTree(yaml)));
  }

  @Test
  void eventSourcesAreCreatedListedGotUpdatedAndDeleted() throws IOException {
    int port = freePort();
    String base = "/api/v1/event-sources/default";

    ApiClient.Answer created = api.post(base, body("eventSource",
        eventSource("crud", port, "team: web")));
    ApiClient.Answer listed = api.get(base + "?listOptions.labelSelector=team%3Dweb");
    ApiClient.Answer others = api.get(base + "?listOptions.labelSelector=team%3Dother");
    ApiClient.Answer updated = api.put(base + "/crud", body("eventSource",
        eventSource("ignored", port, "team: data")));
    ApiClient.Answer got = api.get(base + "/crud");
    ApiClient.Answer deleted = api.delete(base + "/crud");

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.json().at("/metadata/namespace").asText()).isEqualTo("default");
    assertThat(created.json().at("/metadata/uid").asText()).isNotEmpty();
    assertThat(listed.json().get("metadata").isObject()).isTrue();
    assertThat(listed.json().get("items")).hasSize(1);
    assertThat(others.json().get("items")).isEmpty();
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    assertThat(got.json().at("/metadata/labels/team").asText()).isEqualTo("data");
    assertThat(got.json().at("/metadata/name").asText()).isEqualTo("crud");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(api.get(base + "/crud").status()).isEqualTo(404);
    assertThat(api.delete(base + "/crud").json().get("code").asInt()).isEqualTo(5);
  }

  @Test
  void anInvalidSensorIsRefusedWithTheFieldPathAndNothingIsStored() throws IOException {
    String invalid = """
        metadata: {name: broken}
        spec:
          dependencies: [{name: a, eventSourceName: x, eventName: y}]
          triggers: [{template: {name: t, conditions: "a && missing", log: {}}}]
        """;

    ApiClient.Answer refused = api.post("/api/v1/sensors/default", body("sensor", invalid));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asInt()).isEqualTo(3);
    assertThat(refused.json().get("message").asText())
        .contains("sensor.yaml:").contains("spec.triggers[0].template.conditions");
    assertThat(api.get("/api/v1/sensors/default/broken").status()).isEqualTo(404);
  }

  @Test
  void aWebhookEventStartsAWorkflowThatTheEventsEndpointTraces() throws Exception {
    api.post("/api/v1/event-sources/default", body("eventSource",
        eventSource("webhook", webhookPort, "")));
    ApiClient.Answer sensor = api.post("/api/v1/sensors/default",
        body("sensor", SENSOR.formatted("hello", "webhook")));
    assertThat(sensor.status()).as(sensor.text()).isEqualTo(200);

    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + webhookPort + "/example"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    String eventId = Codec.json().readTree(answer.body()).get("id").asText();

    await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/workflows/default"
        + "?listOptions.labelSelector=navis.dev/event-id%3D" + eventId).json()
        .get("items").size() == 1);
    JsonNode traced = api.get("/api/v1/events/default/" + eventId).json();
    assertThat(traced.at("/event/data/body/message").asText()).isEqualTo("hi");
    assertThat(traced.at("/event/context/source").asText()).isEqualTo("webhook");
    assertThat(traced.get("eventSource").asText()).isEqualTo("webhook");
    assertThat(traced.at("/workflows/0/sensor").asText()).isEqualTo("hello");
    assertThat(traced.at("/workflows/0/trigger").asText()).isEqualTo("hello");
    assertThat(traced.at("/triggers/0/succeeded").asBoolean()).isTrue();
    assertThat(traced.at("/triggers/0/attempts").asInt()).isEqualTo(1);
    String workflow = traced.at("/workflows/0/name").asText();
    assertThat(api.get("/api/v1/workflows/default/" + workflow).json()
        .at("/spec/arguments/parameters/0/value").asText()).isEqualTo("hi");

    assertThat(logs("/api/v1/stream/event-sources/default/logs?name=webhook"))
        .anySatisfy(line -> assertThat(line.path("eventId").asText()).isEqualTo(eventId));
    assertThat(logs("/api/v1/stream/sensors/default/logs?name=hello&triggerName=hello"))
        .anySatisfy(line -> assertThat(line.path("msg").asText())
            .contains("successfully processed the trigger"));
    assertThat(api.get("/api/v1/events/default/no-such-event").status()).isEqualTo(404);
    assertThat(api.get("/metrics").text()).contains(
        "argo_events_events_sent_total{event_name=\"example\",eventsource_name=\"webhook\"} 1",
        "argo_events_action_triggered_total{sensor_name=\"hello\",trigger_name=\"hello\"} 1");
  }

  private static List<JsonNode> logs(String path) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    api.stream(path, line -> {
      lines.add(line.get("result"));
      return false;
    });
    return lines;
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
