package dev.navis.events.trigger;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.Sensor;
import dev.navis.api.model.events.Trigger;
import dev.navis.events.Event;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import dev.navis.events.TestEvents;
import dev.navis.events.kafka.InProcessKafka;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.SensorRunner;
import dev.navis.events.runtime.Sleeper;
import dev.navis.events.runtime.TriggerRun;
import dev.navis.events.runtime.TriggerActions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kafka trigger on an in-process broker. */
class KafkaTriggerActionTest {

  private static InProcessKafka kafka;
  private final Event event = event("webhook", "example",
      "{\"body\":{\"name\":\"order-7\",\"message\":\"hello\"}}");
  private final KafkaTriggerAction action = new KafkaTriggerAction(
      Secrets.fromEnvironmentAndFolder(Map.of("NAVIS_SECRET_CREDS_TOKEN", "s3cret",
          "NAVIS_SECRET_KAFKA_USER", InProcessKafka.SCRAM_USER,
          "NAVIS_SECRET_KAFKA_PASSWORD", InProcessKafka.SCRAM_PASSWORD),
          Path.of("/nonexistent")), Duration.ofSeconds(2));

  @BeforeAll
  static void startKafka() {
    kafka = InProcessKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @AfterEach
  void closeProducers() {
    action.close();
  }

  private static Trigger trigger(String kafkaTemplate) {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies: [{name: dep, eventSourceName: webhook, eventName: example}]
          triggers:
            - template:
                name: to-kafka
                kafka:
        %s
        """.formatted(kafkaTemplate.indent(12).stripTrailing()));
    return sensor.spec().triggers().getFirst();
  }

  private TriggerOutcome run(Trigger trigger) {
    return action.execute(new TriggerRequest("ns", "s", trigger.template(),
        Map.of("dep", event), event, null));
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
    List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumerFromStart(topic, 1)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    return received;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void producesThePayloadWithTheKeyAndHeaders() throws Exception {
    String topic = kafka.newTopic("orders", 1);

    TriggerOutcome outcome = run(trigger("""
        url: %s
        topic: %s
        partitioningKey: fixed
        requiredAcks: -1
        compress: true
        flushFrequency: 10
        headers: {source: navis}
        secureHeaders:
          - name: token
            valueFrom: {secretKeyRef: {name: creds, key: token}}
        parameters:
          - src: {dependencyName: dep, dataKey: body.name}
            dest: partitioningKey
        payload:
          - src: {dependencyName: dep, dataKey: body.message}
            dest: greeting
        """.formatted(kafka.bootstrapServers(), topic)));
    List<ConsumerRecord<byte[], byte[]>> received = consume(topic, 1);

    assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
    assertThat(received).hasSize(1);
    ConsumerRecord<byte[], byte[]> message = received.getFirst();
    JsonNode payload = Codec.json().readTree(text(message.value()));
    assertThat(payload.get("greeting").asText()).isEqualTo("hello");
    assertThat(text(message.key())).isEqualTo("order-7");
    assertThat(text(message.headers().lastHeader("source").value())).isEqualTo("navis");
    assertThat(text(message.headers().lastHeader("token").value())).isEqualTo("s3cret");
  }

  @Test
  void producesAsAScramUserOverSasl() {
    String topic = kafka.newTopic("audit", 1);

    TriggerOutcome outcome = run(trigger("""
        url: %s
        topic: %s
        sasl:
          mechanism: SCRAM-SHA-256
          userSecret: {name: kafka, key: user}
          passwordSecret: {name: kafka, key: password}
        payload: [{src: {dependencyName: dep, dataKey: body.name}, dest: name}]
        """.formatted(kafka.saslBootstrapServers(), topic)));

    assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
    assertThat(consume(topic, 1)).hasSize(1);
  }

  @Test
  void aTopicThatDoesNotExistIsAFailedOutcome() {
    TriggerOutcome outcome = run(trigger("""
        url: %s
        topic: missing-%d
        payload: [{src: {dependencyName: dep, dataKey: body}, dest: body}]
        """.formatted(kafka.bootstrapServers(), System.nanoTime())));

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.detail()).startsWith("kafka: producing to missing-");
  }

  @Test
  void aMissingSecretOrSchemaRegistryFailsWithoutSending() {
    TriggerOutcome secret = run(trigger("""
        url: %s
        topic: t
        sasl:
          userSecret: {name: other, key: user}
          passwordSecret: {name: other, key: password}
        """.formatted(kafka.bootstrapServers())));
    TriggerOutcome registry = run(trigger("""
        url: %s
        topic: t
        schemaRegistry: {url: "http://127.0.0.1:8081", schemaId: 1}
        """.formatted(kafka.bootstrapServers())));

    assertThat(secret.detail())
        .isEqualTo("kafka: kafka.sasl.userSecret: secret other/user not found");
    assertThat(registry.detail()).contains("schemaRegistry").contains("not supported");
  }

  @Test
  void aFailedRunIsRetriedByTheSensorsRetryStrategy() throws Exception {
    String topic = "late-" + System.nanoTime();
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: retrying}
        spec:
          dependencies: [{name: dep, eventSourceName: webhook, eventName: example}]
          triggers:
            - retryStrategy: {steps: 3, duration: 1s}
              template:
                name: to-kafka
                kafka:
                  url: %s
                  topic: %s
                  payload: [{src: {dependencyName: dep, dataKey: body.name}, dest: name}]
        """.formatted(kafka.bootstrapServers(), topic));
    List<Duration> waits = new CopyOnWriteArrayList<>();
    List<TriggerRun> runs = new CopyOnWriteArrayList<>();
    // The topic appears while the sensor waits to retry, as a broker that comes back would.
    Sleeper createTopicThenWait = duration -> {
      if (waits.isEmpty()) {
        kafka.createTopic(topic, 1);
      }
      waits.add(duration);
    };

    try (InMemoryEventBus bus = new InMemoryEventBus(); SensorRunner runner = new SensorRunner(
        sensor, "ns", bus, TriggerActions.standard(new FakeWorkflowOperations(), Secrets.none())
            .with("kafka", action), Clock.systemUTC(), createTopicThenWait,
        new SensorListener() {
          @Override
          public void triggerRan(TriggerRun run) {
            runs.add(run);
          }
        })) {
      runner.start();
      bus.publish(null, event).get();
      await().atMost(Duration.ofSeconds(20)).until(() -> !runs.isEmpty());
    }

    assertThat(runs.getFirst().succeeded()).as(runs.getFirst().detail()).isTrue();
    assertThat(runs.getFirst().attempts()).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(consume(topic, 1)).singleElement().satisfies(message -> assertThat(
        Codec.json().readTree(text(message.value())).get("name").asText()).isEqualTo("order-7"));
  }
}
