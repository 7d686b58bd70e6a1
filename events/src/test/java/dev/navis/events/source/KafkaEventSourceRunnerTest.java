package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Codec;
import dev.navis.api.Resources;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import dev.navis.events.kafka.InProcessKafka;
import dev.navis.events.runtime.EventsRuntime;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.TriggerActions;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaEventSourceRunnerTest {

  private static InProcessKafka kafka;
  private final InMemoryEventBus bus = new InMemoryEventBus();
  private final LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();

  @BeforeAll
  static void startKafka() {
    kafka = InProcessKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private static EventSource source(String name, String events) {
    return Resources.parse("kafka.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: %s}
        spec:
          kafka:
        %s
        """.formatted(name, events.indent(4).stripTrailing())).resources().getFirst()
        .as(EventSource.class);
  }

  private void receive(String source, String event) {
    bus.subscribe(null, "s-" + UUID.randomUUID(), new EventDependency("d", source, event, null,
        null, null), delivery -> {
          received.add(delivery.event());
          delivery.ack();
        });
  }

  private static ProducerRecord<byte[], byte[]> message(String topic, Integer partition,
      String key, String value) {
    return new ProducerRecord<>(topic, partition, key == null ? null
        : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitPinned(String group, String topic, int partition) {
    await().atMost(Duration.ofSeconds(15))
        .until(() -> kafka.committedOffset(group, topic, partition) >= 0);
  }

  @Test
  void aMessageOnThePartitionBecomesAnEventWithItsDataAndContext() throws Exception {
    String topic = kafka.newTopic("orders", 1);
    EventSource source = source("shop", """
        orders:
          url: %s
          topic: %s
          partition: "0"
          jsonBody: true
          metadata: {team: billing}
        """.formatted(kafka.bootstrapServers(), topic));
    receive("shop", "orders");

    try (KafkaEventSourceRunner runner = KafkaEventSourceRunner.start(source, bus,
        Secrets.none(), Clock.systemUTC())) {
      assertThat(runner.problems()).isEmpty();
      awaitPinned("navis-shop-orders", topic, 0);
      ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(topic, 0,
          Instant.parse("2026-12-03T10:15:30.120Z").toEpochMilli(),
          "order-7".getBytes(StandardCharsets.UTF_8),
          "{\"amount\": 42}".getBytes(StandardCharsets.UTF_8),
          List.of(new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8))));
      kafka.produce(message);
      Event event = received.poll(15, TimeUnit.SECONDS);

      assertThat(event).isNotNull();
      assertThat(event.context().type()).isEqualTo("kafka");
      assertThat(event.context().source()).isEqualTo("shop");
      assertThat(event.context().subject()).isEqualTo("orders");
      assertThat(event.context().specversion()).isEqualTo("1.0");
      assertThat(event.data().get("topic").asText()).isEqualTo(topic);
      assertThat(event.data().get("key").asText()).isEqualTo("order-7");
      assertThat(event.data().get("partition").asInt()).isZero();
      assertThat(event.data().get("offset").asLong()).isZero();
      assertThat(event.data().get("timestamp").asText())
          .isEqualTo("2026-12-03 10:15:30.12 +0000 UTC");
      assertThat(event.data().get("headers").get("trace").asText()).isEqualTo("abc");
      assertThat(event.data().get("body").get("amount").asInt()).isEqualTo(42);
      assertThat(event.data().get("metadata").get("team").asText()).isEqualTo("billing");
      await().atMost(Duration.ofSeconds(5))
          .until(() -> kafka.committedOffset("navis-shop-orders", topic, 0) == 1);
    }
  }

  @Test
  void withoutAPartitionAConsumerGroupReadsEveryPartitionAndFiltersApply() throws Exception {
    String topic = kafka.newTopic("clicks", 2);
    String group = "clicks-" + UUID.randomUUID();
    kafka.produce(message(topic, 0, null, "left"));
    kafka.produce(message(topic, 1, "k", "right"));
    kafka.produce(message(topic, 1, "k", "middle"));
    EventSource source = source("ui", """
        clicks:
          url: %s
          topic: %s
          consumerGroup: {groupName: %s, oldest: true, rebalanceStrategy: range}
          filter: {expression: "body != 'bWlkZGxl'"}
        """.formatted(kafka.bootstrapServers(), topic, group));
    receive("ui", "clicks");

    try (KafkaEventSourceRunner runner = KafkaEventSourceRunner.start(source, bus,
        Secrets.none(), Clock.systemUTC())) {
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Event event = received.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("event %d", i).isNotNull();
        bodies.add(new String(Base64.getDecoder().decode(event.data().get("body").asText()),
            StandardCharsets.UTF_8));
      }

      assertThat(runner.problems()).isEmpty();
      assertThat(bodies).containsExactlyInAnyOrder("left", "right");
      await().atMost(Duration.ofSeconds(5)).until(() -> kafka.committedOffset(group, topic, 1)
          == 2 && kafka.committedOffset(group, topic, 0) == 1);
      assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void anEventTheBusRefusedIsNotCommittedAndComesAgainAfterARestart() throws Exception {
    String topic = kafka.newTopic("payments", 1);
    EventSource source = source("bank", """
        payments:
          url: %s
          topic: %s
          partition: "0"
        """.formatted(kafka.bootstrapServers(), topic));
    RefusingBus refusing = new RefusingBus();

    try (KafkaEventSourceRunner runner = KafkaEventSourceRunner.start(source, refusing,
        Secrets.none(), Clock.systemUTC())) {
      awaitPinned("navis-bank-payments", topic, 0);
      kafka.produce(message(topic, 0, null, "pay 10"));
      await().atMost(Duration.ofSeconds(10)).until(() -> refusing.attempts.get() >= 1);
    }
    assertThat(kafka.committedOffset("navis-bank-payments", topic, 0)).isZero();

    receive("bank", "payments");
    try (KafkaEventSourceRunner runner = KafkaEventSourceRunner.start(source, bus,
        Secrets.none(), Clock.systemUTC())) {
      Event event = received.poll(15, TimeUnit.SECONDS);

      assertThat(event).isNotNull();
      assertThat(event.data().get("offset").asLong()).isZero();
      assertThat(event.id()).isEqualTo(refusing.firstId);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> kafka.committedOffset("navis-bank-payments", topic, 0) == 1);
    }
  }

  @Test
  void saslPlainAndScramUsersLogInWithTheirSecrets() throws Exception {
    String topic = kafka.newTopic("audit", 1);
    kafka.produce(message(topic, 0, null, "{\"who\": \"ann\"}"));
    EventSource source = source("secure", """
        plain:
          url: %1$s
          topic: %2$s
          jsonBody: true
          consumerGroup: {groupName: plain-%3$s, oldest: true}
          sasl:
            userSecret: {name: kafka, key: plain-user}
            passwordSecret: {name: kafka, key: plain-password}
        scram:
          url: %1$s
          topic: %2$s
          jsonBody: true
          consumerGroup: {groupName: scram-%3$s, oldest: true}
          sasl:
            mechanism: SCRAM-SHA-256
            userSecret: {name: kafka, key: scram-user}
            passwordSecret: {name: kafka, key: scram-password}
        """.formatted(kafka.saslBootstrapServers(), topic, UUID.randomUUID()));
    Secrets secrets = Secrets.fromEnvironmentAndFolder(Map.of(
        "NAVIS_SECRET_KAFKA_PLAIN_USER", InProcessKafka.PLAIN_USER,
        "NAVIS_SECRET_KAFKA_PLAIN_PASSWORD", InProcessKafka.PLAIN_PASSWORD,
        "NAVIS_SECRET_KAFKA_SCRAM_USER", InProcessKafka.SCRAM_USER,
        "NAVIS_SECRET_KAFKA_SCRAM_PASSWORD", InProcessKafka.SCRAM_PASSWORD),
        Path.of("/nonexistent"));
    receive("secure", "plain");
    receive("secure", "scram");

    try (KafkaEventSourceRunner runner = KafkaEventSourceRunner.start(source, bus, secrets,
        Clock.systemUTC())) {
      Event first = received.poll(20, TimeUnit.SECONDS);
      Event second = received.poll(20, TimeUnit.SECONDS);

      assertThat(runner.problems()).isEmpty();
      assertThat(List.of(first, second)).extracting(Event::eventName)
          .containsExactlyInAnyOrder("plain", "scram");
      assertThat(first.data().get("body").get("who").asText()).isEqualTo("ann");
    }
  }

  @Test
  void argoEventsKafkaExampleStartsAWorkflowFromAMessage() throws Exception {
    String topic = "topic-2";
    kafka.createTopic(topic, 2);
    EventSource example = pointedAt(ArgoEventsExamples.read("event-sources/kafka.yaml",
        EventSource.class), kafka.bootstrapServers());
    Sensor sensor = ArgoEventsExamples.read("sensors/kafka.yaml", Sensor.class);
    FakeWorkflowOperations workflows = new FakeWorkflowOperations();

    try (EventsRuntime runtime = new EventsRuntime(bus, TriggerActions.standard(workflows,
        Secrets.none()), Secrets.none(), Clock.systemUTC(), SensorListener.NONE)) {
      List<Finding> findings = new ArrayList<>(runtime.apply("argo-events", example));
      findings.addAll(runtime.apply("argo-events", sensor));
      assertThat(findings).noneMatch(finding -> !finding.warning());
      await().atMost(Duration.ofSeconds(15))
          .until(() -> kafka.committedOffset("navis-kafka-example", topic, 1) >= 0);
      kafka.produce(new ProducerRecord<>(topic, 1, null,
          "{\"message\":\"from kafka\"}".getBytes(StandardCharsets.UTF_8)));

      await().atMost(Duration.ofSeconds(15)).until(() -> !workflows.submitted.isEmpty());
    }
    var workflow = workflows.submitted.getFirst();
    assertThat(workflow.metadata().generateName()).isEqualTo("kafka-workflow-");
    assertThat(Codec.json().readTree(workflow.spec().arguments().parameters().getFirst()
        .value()).get("message").asText()).isEqualTo("from kafka");
  }

  /** The example as it is, with only its broker URL pointed at the in-process one. */
  private static EventSource pointedAt(EventSource example, String url) {
    var tree = Codec.json().valueToTree(example);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("spec").path("kafka")
        .path("example")).put("url", url);
    return Codec.json().convertValue(tree, EventSource.class);
  }

  @Test
  void settingsThatCannotWorkAreProblemsOnTheirFields() {
    EventSource source = source("bad", """
        unresolvable: {url: "kafka.argo-events.invalid:9092", topic: t}
        noTopic: {url: "127.0.0.1:9092"}
        badPartition: {url: "127.0.0.1:9092", topic: t, partition: one}
        noPort: {url: "127.0.0.1", topic: t}
        badStrategy:
          url: "127.0.0.1:9092"
          topic: t
          consumerGroup: {groupName: g, rebalanceStrategy: fastest}
        noSecret:
          url: "127.0.0.1:9092"
          topic: t
          sasl:
            mechanism: PLAIN
            userSecret: {name: kafka, key: user}
            passwordSecret: {name: kafka, key: password}
        """);

    try (KafkaEventSourceRunner runner = KafkaEventSourceRunner.start(source, bus,
        Secrets.none(), Clock.systemUTC())) {
      assertThat(runner.problems()).satisfiesExactlyInAnyOrder(
          problem -> assertThat(problem).startsWith("spec.kafka.unresolvable.url: "),
          problem -> assertThat(problem).isEqualTo("spec.kafka.noTopic.topic: required"),
          problem -> assertThat(problem).startsWith("spec.kafka.badPartition.partition: "),
          problem -> assertThat(problem).isEqualTo(
              "spec.kafka.noPort.url: expected host:port, found '127.0.0.1'"),
          problem -> assertThat(problem)
              .startsWith("spec.kafka.badStrategy.consumerGroup.rebalanceStrategy: "),
          problem -> assertThat(problem).isEqualTo("spec.kafka.noSecret.sasl.userSecret:"
              + " secret kafka/user not found"));
    }
  }

  /** A bus that stores nothing: every publish fails, as when the bus is down. */
  private static final class RefusingBus implements EventBus {
    final AtomicInteger attempts = new AtomicInteger();
    volatile String firstId;

    @Override
    public CompletableFuture<PublishReceipt> publish(String busName, Event event) {
      if (attempts.getAndIncrement() == 0) {
        firstId = event.id();
      }
      return CompletableFuture.failedFuture(new IllegalStateException("the bus is down"));
    }

    @Override
    public Subscription subscribe(String busName, String sensor, EventDependency dependency,
        DeliveryHandler handler) {
      throw new UnsupportedOperationException("publishing only");
    }

    @Override
    public void close() {}
  }
}
