package dev.navis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Codec;
import dev.navis.api.Resources;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.SensorRunner;
import dev.navis.events.runtime.Sleeper;
import dev.navis.events.runtime.TriggerActions;
import dev.navis.events.sensor.SensorCheck;
import dev.navis.events.source.WebhookEventSourceRunner;
import dev.navis.events.trigger.ArgoWorkflowTriggerAction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Argo Events' own webhook example and its argoWorkflow sensor, over real HTTP: a POST becomes
 * an event on the in-memory bus, the sensor submits the workflow with the posted payload as
 * its parameter, and the caller holds the id the workflow is labelled with.
 */
class WebhookToWorkflowTest {

  private static final Path EXAMPLES = ArgoEventsExamples.folder();

  @Test
  void aPostedPayloadStartsAWorkflowLabelledWithTheEventId() throws Exception {
    EventSource source = read("event-sources/webhook.yaml", EventSource.class,
        "port: \"12000\"", "port: \"0\"");
    Sensor sensor = read("sensors/special-workflow-trigger.yaml", Sensor.class, "", "");
    FakeWorkflowOperations workflows = new FakeWorkflowOperations();
    assertThat(SensorCheck.errors(sensor)).isEmpty();

    try (InMemoryEventBus bus = new InMemoryEventBus();
        SensorRunner runner = new SensorRunner(sensor, "argo", bus,
            TriggerActions.standard(workflows, Secrets.none()), Clock.systemUTC(),
            Sleeper.REAL, SensorListener.NONE);
        WebhookEventSourceRunner webhook = WebhookEventSourceRunner.start(source, bus,
            Secrets.none(), Clock.systemUTC())) {
      runner.start();
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + webhook.boundPort("0") + "/example"))
          .POST(BodyPublishers.ofString("{\"message\":\"this is my first webhook\"}")).build(),
          BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      String eventId = Codec.json().readTree(response.body()).get("id").asText();
      await().atMost(Duration.ofSeconds(5)).until(() -> workflows.submitted.size() == 1);
      Workflow workflow = workflows.submitted.getFirst();
      assertThat(workflow.metadata().name()).isEqualTo("special-trigger");
      assertThat(workflow.spec().arguments().parameters().getFirst().value())
          .isEqualTo("{\"message\":\"this is my first webhook\"}");
      assertThat(workflow.metadata().labels())
          .containsEntry(ArgoWorkflowTriggerAction.EVENT_ID_LABEL, eventId)
          .containsEntry(ArgoWorkflowTriggerAction.SENSOR_LABEL, "special-workflow-trigger")
          .containsEntry(ArgoWorkflowTriggerAction.TRIGGER_LABEL, "argo-workflow-trigger");
    }
  }

  private static <T> T read(String file, Class<T> type, String from, String to)
      throws Exception {
    String text = Files.readString(EXAMPLES.resolve(file));
    return Resources.parse(file, from.isEmpty() ? text : text.replace(from, to)).resources()
        .getFirst().as(type);
  }

}
