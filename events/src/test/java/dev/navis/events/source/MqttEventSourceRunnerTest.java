package dev.navis.events.source;

import static dev.navis.events.source.Brokers.json;
import static dev.navis.events.source.Brokers.next;
import static dev.navis.events.source.Brokers.received;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mqtt event source against the local Mosquitto. */
class MqttEventSourceRunnerTest {

  private static final String URL = "tcp://127.0.0.1:1883";
  private final String topic = Brokers.unique("navis/test/topic");
  private final String clientId = Brokers.unique("navis-test-client");
  private MqttClient publisher;
  private EventBus bus = new InMemoryEventBus();
  private MqttEventSourceRunner runner;

  @BeforeEach
  void connect() throws MqttException {
    Brokers.require("Mosquitto", Brokers.MOSQUITTO);
    publisher = new MqttClient(URL, Brokers.unique("navis-test-publisher"),
        new MemoryPersistence());
    publisher.connect();
  }

  @AfterEach
  void close() throws MqttException {
    if (runner != null) {
      runner.close();
    }
    bus.close();
    publisher.publish(topic, new byte[0], 1, true);
    publisher.disconnect(0);
    publisher.close();
    forgetSession(clientId);
  }

  /** The runner keeps its session on the broker; a clean connection removes it. */
  private static void forgetSession(String id) throws MqttException {
    MqttClient cleaner = new MqttClient(URL, id, new MemoryPersistence());
    MqttConnectOptions clean = new MqttConnectOptions();
    clean.setCleanSession(true);
    cleaner.connect(clean);
    cleaner.disconnect(0);
    cleaner.close();
  }

  private String yaml() {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: sensors}
        spec:
          mqtt:
            temperature:
              url: %s
              topic: %s
              clientId: %s
              jsonBody: true
              metadata: {room: lab}
        """.formatted(URL, topic, clientId);
  }

  private void start(String yaml) {
    runner = MqttEventSourceRunner.start(Brokers.source(yaml), bus, Secrets.none(),
        Clock.systemUTC());
    assertThat(runner.problems()).isEmpty();
  }

  private void send(String body, boolean retained) throws MqttException {
    publisher.publish(topic, body.getBytes(StandardCharsets.UTF_8), 1, retained);
  }

  @Test
  void aMessageBecomesAnEventWithArgosDataShapeAndContext() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, "sensors", "temperature");
    start(yaml());

    send("{\"celsius\": 21.5}", false);

    Event event = next(received);
    ObjectNode data = event.data().deepCopy();
    assertThat(data.remove("messageId").asInt()).isPositive();
    assertThat(data).isEqualTo(json("""
        {"topic": "%s", "body": {"celsius": 21.5}, "metadata": {"room": "lab"}}"""
        .formatted(topic)));
    assertThat(event.context().type()).isEqualTo("mqtt");
    assertThat(event.context().source()).isEqualTo("sensors");
    assertThat(event.context().subject()).isEqualTo("temperature");
    assertThat(event.context().time()).isBetween(Instant.now().minusSeconds(10), Instant.now());
  }

  @Test
  void withoutJsonBodyTheBodyIsBase64AndTheFilterApplies() throws Exception {
    start(yaml().replace("jsonBody: true", "jsonBody: false\n      filter:"
        + " {expression: \"body != 'bG93'\"}"));
    LinkedBlockingQueue<Event> received = received(bus, "sensors", "temperature");

    send("low", false);
    send("high", false);

    assertThat(next(received).data().get("body").asText()).isEqualTo("aGlnaA==");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aMessageArrivingWhileTheBusFailsIsPublishedAgainUntilStored() throws Exception {
    Brokers.RefusingBus refusing = new Brokers.RefusingBus(2);
    bus = refusing;
    start(yaml());
    LinkedBlockingQueue<Event> received = received(bus, "sensors", "temperature");

    send("{\"celsius\": 30}", false);

    assertThat(next(received).data().at("/body/celsius").asInt()).isEqualTo(30);
    assertThat(refusing.refused.get()).isEqualTo(2);
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void afterTheBrokerDropsTheConnectionTheRunnerSubscribesAgain() throws Exception {
    start(yaml());
    LinkedBlockingQueue<Event> received = received(bus, "sensors", "temperature");

    // A second client with the same id makes Mosquitto drop the runner's connection; being
    // clean, it also removes the runner's session, so only subscribing again brings events.
    forgetSession(clientId);
    send("{\"celsius\": 5}", true);

    assertThat(next(received).data().at("/body/celsius").asInt()).isEqualTo(5);
  }

  @Test
  void whatCannotStartIsAProblemNamingTheField() {
    assertThat(problems(yaml().replace(URL, "http://127.0.0.1:1883"))).singleElement()
        .asString().startsWith("spec.mqtt.temperature.url: expected a tcp://");
    assertThat(problems(yaml().replace(URL, "tcp://127.0.0.1:1"))).singleElement()
        .asString().startsWith("spec.mqtt.temperature.url: cannot connect to tcp://127.0.0.1:1");
    assertThat(problems(yaml().replace("clientId: " + clientId, "")))
        .containsExactly("spec.mqtt.temperature.clientId: required");
    assertThat(problems(yaml().replace("jsonBody: true", """
        auth:
                username: {name: mqtt, key: user}
                password: {name: mqtt, key: password}""")))
        .containsExactly("spec.mqtt.temperature.auth.username: secret mqtt/user not found",
            "spec.mqtt.temperature.auth.password: secret mqtt/password not found");
  }

  private List<String> problems(String yaml) {
    try (MqttEventSourceRunner failed = MqttEventSourceRunner.start(Brokers.source(yaml), bus,
        Secrets.none(), Clock.systemUTC())) {
      return failed.problems();
    }
  }
}
