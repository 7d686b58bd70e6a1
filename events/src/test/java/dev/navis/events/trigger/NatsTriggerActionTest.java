package dev.navis.events.trigger;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.NatsServers;
import dev.navis.events.Secrets;
import dev.navis.events.TestEvents;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.SensorRunner;
import dev.navis.events.runtime.Sleeper;
import dev.navis.events.runtime.TriggerActions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nats trigger publishing to the shared NATS server, read by a plain subscriber. */
class NatsTriggerActionTest {

  private final String subject = NatsServers.unique("navis.test.trigger");
  private final InMemoryEventBus bus = new InMemoryEventBus();
  private final Connection subscriber = NatsServers.shared();
  private SensorRunner runner;

  @AfterEach
  void close() throws InterruptedException {
    if (runner != null) {
      runner.close();
    }
    bus.close();
    subscriber.close();
  }

  private void start(String trigger) {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies: [{name: dep, eventSourceName: webhook, eventName: example}]
          triggers:
            - template:
        %s
        """.formatted(trigger.indent(8).stripTrailing()));
    runner = new SensorRunner(sensor, "argo", bus, TriggerActions.standard(
        new FakeWorkflowOperations(), Secrets.none()), Clock.systemUTC(), Sleeper.REAL,
        SensorListener.NONE);
    runner.start();
  }

  @Test
  void aFiringSensorPublishesThePayloadOnTheSubjectItsParametersName() throws Exception {
    Subscription subscription = subscriber.subscribe(subject + ".orders");
    subscriber.flush(Duration.ofSeconds(2));
    start("""
        name: notify
        nats:
          url: %s
          subject: placeholder
          payload:
            - src: {dependencyName: dep, dataKey: body.order}
              dest: order
            - src: {dependencyName: dep, dataKey: body.missing, value: fixed}
              dest: meta.kind
          parameters:
            - src: {dependencyName: dep, dataKey: body.topic}
              dest: subject
        """.formatted(NatsServers.SHARED));

    bus.publish(null, event("webhook", "example", """
        {"body": {"order": {"id": 7}, "topic": "%s.orders"}}""".formatted(subject))).get();

    Message message = subscription.nextMessage(Duration.ofSeconds(5));
    // Argo Events puts an object a dataKey names into the payload as its JSON text.
    assertThat(message).isNotNull();
    assertThat(Codec.json().readTree(new String(message.getData(), StandardCharsets.UTF_8)))
        .isEqualTo(Codec.json().readTree(
            "{\"order\":\"{\\\"id\\\":7}\",\"meta\":{\"kind\":\"fixed\"}}"));
  }

  @Test
  void anUnreachableServerAndAMissingSubjectFailTheTrigger() {
    NatsTriggerAction action = new NatsTriggerAction(Secrets.none());
    String unreachable = "nats://127.0.0.1:" + NatsServers.freePort();

    TriggerOutcome down = action.execute(request("""
        name: t
        nats: {url: "%s", subject: x, payload: []}
        """.formatted(unreachable)));
    TriggerOutcome noSubject = action.execute(request("""
        name: t
        nats: {url: "%s", payload: []}
        """.formatted(NatsServers.SHARED)));

    assertThat(down.succeeded()).isFalse();
    assertThat(down.detail()).startsWith("nats: cannot connect to the NATS server at "
        + unreachable);
    assertThat(noSubject.detail()).isEqualTo("nats.subject: required");
  }

  @Test
  void aTokenFromSecretsSignsTheTriggerIn() throws Exception {
    try (NatsServers.Private server = new NatsServers.Private("--auth", "t0ken");
        Connection reader = Nats.connect(server.url().replace("nats://", "nats://t0ken@"))) {
      Subscription subscription = reader.subscribe(subject);
      reader.flush(Duration.ofSeconds(2));
      NatsTriggerAction action = new NatsTriggerAction(selector -> Optional.of("t0ken"));

      TriggerOutcome outcome = action.execute(request("""
          name: t
          nats:
            url: "%s"
            subject: "%s"
            payload: [{src: {dependencyName: dep, value: x}, dest: greeting}]
            auth: {token: {name: nats, key: token}}
          """.formatted(server.url(), subject)));

      assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
      assertThat(subscription.nextMessage(Duration.ofSeconds(5))).isNotNull();
    }
  }

  private static TriggerRequest request(String template) {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies: [{name: dep, eventSourceName: webhook, eventName: example}]
          triggers:
            - template:
        %s
        """.formatted(template.indent(8).stripTrailing()));
    var event = event("webhook", "example", "{}");
    return new TriggerRequest("ns", "s", sensor.spec().triggers().getFirst().template(),
        Map.of("dep", event), event, null);
  }
}
