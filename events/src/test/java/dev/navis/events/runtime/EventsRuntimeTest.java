package dev.navis.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Resources;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import dev.navis.events.TestEvents;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventsRuntimeTest {

  private static final String SENSOR = """
      apiVersion: argoproj.io/v1alpha1
      kind: Sensor
      metadata: {name: on-hook}
      spec:
        dependencies: [{name: hook, eventSourceName: hooks, eventName: push}]
        triggers:
          - template:
              name: run
              conditions: "%s"
              argoWorkflow:
                source:
                  resource:
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {generateName: run-}
                    spec:
                      entrypoint: main
                      templates: [{name: main, container: {image: alpine, command: ["true"]}}]
      """;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void appliedSourcesAndSensorsRunUntilDeletedAndBadOnesAreRefused() throws Exception {
    FakeWorkflowOperations workflows = new FakeWorkflowOperations();
    int port = freePort();
    EventSource source = Resources.parse("s.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: hooks}
        spec:
          webhook:
            push: {port: "%d", endpoint: /push, method: POST}
          nsq:
            later: {hostAddress: "127.0.0.1:4150", topic: x, channel: y}
        """.formatted(port)).resources().getFirst().as(EventSource.class);
    URI uri = URI.create("http://127.0.0.1:" + port + "/push");

    try (InMemoryEventBus bus = new InMemoryEventBus();
        EventsRuntime runtime = new EventsRuntime(bus, TriggerActions.standard(workflows,
            Secrets.none()), Secrets.none(), Clock.systemUTC(), SensorListener.NONE)) {
      assertThat(runtime.apply("ns", TestEvents.sensor(SENSOR.formatted("hook && ghost"))))
          .extracting(Finding::path).containsExactly("spec.triggers[0].template.conditions");
      assertThat(runtime.apply("ns", TestEvents.sensor(SENSOR.formatted("hook")))).isEmpty();
      assertThat(runtime.apply("ns", source)).singleElement()
          .satisfies(finding -> assertThat(finding.warning()).isTrue());

      post(uri);
      await().atMost(Duration.ofSeconds(5)).until(() -> workflows.submitted.size() == 1);
      assertThat(runtime.deleteEventSource("ns", "hooks")).isTrue();
      assertThatThrownBy(() -> post(uri)).isInstanceOf(ConnectException.class);
      assertThat(runtime.deleteSensor("ns", "on-hook")).isTrue();
      assertThat(runtime.deleteSensor("ns", "on-hook")).isFalse();
    }
  }

  private void post(URI uri) throws IOException, InterruptedException {
    client.send(HttpRequest.newBuilder(uri).POST(BodyPublishers.ofString("{}")).build(),
        BodyHandlers.discarding());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
