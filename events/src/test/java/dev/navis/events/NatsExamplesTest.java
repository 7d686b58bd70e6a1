package dev.navis.events;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.ParsedResource;
import dev.navis.api.Resources;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.jetstream.JetStreamEventBus;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.SensorRunner;
import dev.navis.events.runtime.Sleeper;
import dev.navis.events.runtime.TriggerActions;
import dev.navis.events.source.NatsEventSourceRunner;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Argo Events' own NATS examples, read as they are, with what points into a Kubernetes cluster
 * (the server's url) pointed at the local server, and subjects and bus names made unique so
 * parallel runs stay apart: event source to JetStream bus to sensor to trigger.
 */
class NatsExamplesTest {

  private final String busName = NatsServers.unique("examples");
  private final String subject = NatsServers.unique("navis.test.examples");
  private final FakeWorkflowOperations workflows = new FakeWorkflowOperations();
  private final List<AutoCloseable> running = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : running.reversed()) {
      closeable.close();
    }
    NatsServers.deleteStream(busName);
  }

  /** The first resource of an example, its tree edited first, as {@code type}. */
  private static <T> T example(String file, Class<T> type, Consumer<ObjectNode> edit)
      throws Exception {
    ObjectNode tree = (ObjectNode) Resources.read(ArgoEventsExamples.folder().resolve(file))
        .resources().getFirst().tree().deepCopy();
    edit.accept(tree);
    return Resources.parse(file, Codec.yaml().writeValueAsString(tree)).resources().getFirst()
        .as(type);
  }

  private <T extends AutoCloseable> T running(T closeable) {
    running.add(closeable);
    return closeable;
  }

  private SensorRunner startSensor(Sensor sensor, EventBus bus) {
    SensorRunner runner = running(new SensorRunner(sensor, "argo", bus,
        TriggerActions.standard(workflows, Secrets.none()), Clock.systemUTC(), Sleeper.REAL,
        SensorListener.NONE));
    runner.start();
    return runner;
  }

  @Test
  void theNatsEventSourceFeedsTheNatsSensorThroughJetStream() throws Exception {
    EventSource source = example("event-sources/nats.yaml", EventSource.class, tree -> {
      ObjectNode nats = (ObjectNode) tree.path("spec").path("nats").path("example");
      nats.put("url", NatsServers.SHARED).put("subject", subject);
      ((ObjectNode) tree.path("spec")).put("eventBusName", busName);
    });
    Sensor sensor = example("sensors/nats.yaml", Sensor.class, tree ->
        ((ObjectNode) tree.path("spec")).put("eventBusName", busName));
    JetStreamEventBus bus = running(JetStreamEventBus.connect(NatsServers.SHARED));
    startSensor(sensor, bus);
    NatsEventSourceRunner sourceRunner = running(NatsEventSourceRunner.start(source, bus,
        Secrets.none(), Clock.systemUTC()));
    assertThat(sourceRunner.problems()).isEmpty();

    try (Connection publisher = NatsServers.shared()) {
      publisher.publish(subject, "{\"message\":\"hello from nats\"}"
          .getBytes(StandardCharsets.UTF_8));
      publisher.flush(Duration.ofSeconds(2));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> !workflows.submitted.isEmpty());
    Workflow workflow = workflows.submitted.getFirst();
    assertThat(workflow.metadata().generateName()).isEqualTo("nats-workflow-");
    JsonNode passed = Codec.json().readTree(
        workflow.spec().arguments().parameters().getFirst().value());
    assertThat(passed.path("context").path("type").asText()).isEqualTo("nats");
    assertThat(passed.path("data").path("subject").asText()).isEqualTo(subject);
    assertThat(passed.path("data").path("body").path("message").asText())
        .isEqualTo("hello from nats");
  }

  @Test
  void theNatsTriggerSensorPublishesTheMinioObjectItWasTold() throws Exception {
    String triggerSubject = subject + ".minio-events";
    Sensor sensor = example("sensors/trigger-nats-messages.yaml", Sensor.class, tree -> {
      ObjectNode nats = (ObjectNode) tree.path("spec").path("triggers").path(0)
          .path("template").path("nats");
      assertThat(nats.path("url").asText()).isEqualTo("nats.argo-events.svc:4222");
      nats.put("url", "127.0.0.1:4222").put("subject", triggerSubject);
    });
    InMemoryEventBus bus = running(new InMemoryEventBus());
    Connection subscriber = running(NatsServers.shared());
    Subscription subscription = subscriber.subscribe(triggerSubject);
    subscriber.flush(Duration.ofSeconds(2));
    startSensor(sensor, bus);

    bus.publish(null, event("minio", "example", """
        {"notification": [{"s3": {"bucket": {"name": "input"},
                                  "object": {"key": "hello.txt"}}}]}""")).get();

    Message message = subscription.nextMessage(Duration.ofSeconds(5));
    assertThat(message).isNotNull();
    assertThat(Codec.json().readTree(message.getData()))
        .isEqualTo(Codec.json().readTree("{\"fileName\":\"hello.txt\",\"bucket\":\"input\"}"));
  }

  @Test
  void theNativeEventBusWithTokenAuthCarriesEvents() throws Exception {
    ParsedResource eventBus = Resources.read(ArgoEventsExamples.folder()
        .resolve("eventbus/native.yaml")).resources().getFirst();
    JsonNode nativeBus = eventBus.tree().path("spec").path("nats").path("native");
    assertThat(eventBus.kind()).isEqualTo("EventBus");
    assertThat(nativeBus.path("auth").asText()).isEqualTo("token");
    // replicas, persistence and the container templates size pods on Kubernetes: ignored.
    String token = NatsServers.unique("token");
    NatsServers.Private server = running(new NatsServers.Private("--auth", token));
    String name = eventBus.tree().path("metadata").path("name").asText();
    JetStreamEventBus bus = running(JetStreamEventBus.connect(
        JetStreamEventBus.Config.of(server.url()).withToken(token)));
    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(name, "s", new EventDependency("d", "webhook", "example", null, null, null),
        delivery -> {
          received.add(delivery.event().id());
          delivery.ack();
        });

    Event event = event("webhook", "example", "{}");
    EventBus.PublishReceipt receipt = bus.publish(name, event).get();

    assertThat(receipt.subject()).isEqualTo("default.webhook.example");
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    assertThat(received).containsExactly(event.id());
  }
}
