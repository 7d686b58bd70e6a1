package dev.navis.events.source;

import static dev.navis.events.source.Brokers.json;
import static dev.navis.events.source.Brokers.next;
import static dev.navis.events.source.Brokers.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The amqp event source against the local RabbitMQ. */
class AmqpEventSourceRunnerTest {

  private final String exchange = Brokers.unique("navis-test-exchange");
  private final Secrets secrets = Secrets.fromEnvironmentAndFolder(
      Map.of("NAVIS_SECRET_RABBIT_USER", "guest", "NAVIS_SECRET_RABBIT_PASSWORD", "guest"),
      Path.of("/nonexistent"));
  private Connection publisher;
  private Channel channel;
  private EventBus bus = new InMemoryEventBus();
  private AmqpEventSourceRunner runner;

  @BeforeEach
  void connect() throws Exception {
    Brokers.require("RabbitMQ", Brokers.RABBITMQ);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    publisher = factory.newConnection();
    channel = publisher.createChannel();
  }

  @AfterEach
  void close() throws Exception {
    if (runner != null) {
      runner.close();
    }
    bus.close();
    channel.exchangeDelete(exchange);
    publisher.close();
  }

  private String yaml(String extra) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: rabbit}
        spec:
          amqp:
            orders:
              url: amqp://127.0.0.1:5672
              exchangeName: %s
              exchangeType: topic
              routingKey: "orders.*"
              jsonBody: true
              metadata: {team: blue}
              auth:
                username: {name: rabbit, key: user}
                password: {name: rabbit, key: password}
        %s""".formatted(exchange, extra.indent(6));
  }

  private AmqpEventSourceRunner start(String extra) {
    runner = AmqpEventSourceRunner.start(Brokers.source(yaml(extra)), bus, secrets,
        Clock.systemUTC());
    assertThat(runner.problems()).isEmpty();
    return runner;
  }

  private void send(String routingKey, String body) throws IOException {
    channel.basicPublish(exchange, routingKey, null, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMessageBecomesAnEventWithArgosDataShapeAndContext() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, "rabbit", "orders");
    start("");
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
        .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(5)
        .correlationId("c-1").replyTo("answers").expiration("60000").messageId("m-1")
        .timestamp(Date.from(Instant.parse("2026-12-04T05:22:08Z"))).type("order.created")
        .appId("shop").headers(Map.of("tenant", "acme", "attempt", 3)).build();

    channel.basicPublish(exchange, "orders.created", properties,
        "{\"id\": 42}".getBytes(StandardCharsets.UTF_8));

    Event event = next(received);
    assertThat(event.data()).isEqualTo(json("""
        {"contentType": "application/json", "contentEncoding": "utf-8", "deliveryMode": 2,
         "priority": 5, "correlationId": "c-1", "replyTo": "answers", "expiration": "60000",
         "messageId": "m-1", "timestamp": "2026-12-04 05:22:08 +0000 UTC",
         "type": "order.created", "appId": "shop", "exchange": "%s",
         "routingKey": "orders.created", "headers": {"tenant": "acme", "attempt": 3},
         "body": {"id": 42}, "metadata": {"team": "blue"}}""".formatted(exchange)));
    assertThat(event.context().type()).isEqualTo("amqp");
    assertThat(event.context().source()).isEqualTo("rabbit");
    assertThat(event.context().subject()).isEqualTo("orders");
    assertThat(event.context().specversion()).isEqualTo("1.0");
    assertThat(event.context().datacontenttype()).isEqualTo("application/json");
    assertThat(event.context().time()).isBetween(Instant.now().minusSeconds(10), Instant.now());
  }

  @Test
  void withoutJsonBodyTheBodyIsBase64AsArgoMarshalsBytes() throws Exception {
    String yaml = yaml("").replace("jsonBody: true", "jsonBody: false");
    runner = AmqpEventSourceRunner.start(Brokers.source(yaml), bus, secrets, Clock.systemUTC());
    LinkedBlockingQueue<Event> received = received(bus, "rabbit", "orders");

    send("orders.x", "plain text");

    Event event = next(received);
    assertThat(event.data().get("body").asText()).isEqualTo("cGxhaW4gdGV4dA==");
    assertThat(event.data().get("timestamp").asText())
        .isEqualTo("0001-01-01 00:00:00 +0000 UTC");
    assertThat(event.data().get("deliveryMode").asInt()).isZero();
    assertThat(event.data().get("headers")).isEqualTo(json("{}"));
  }

  @Test
  void aFilterExpressionKeepsEventsOffTheBusAndTheMessageIsStillAcknowledged()
      throws Exception {
    start("filter: {expression: \"body.value > 50\"}");
    LinkedBlockingQueue<Event> received = received(bus, "rabbit", "orders");

    send("orders.low", "{\"value\": 10}");
    send("orders.high", "{\"value\": 51}");

    assertThat(next(received).data().at("/body/value").asInt()).isEqualTo(51);
    assertThat(received.poll(1500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aMessageArrivingWhileTheBusFailsIsRequeuedNotLost() throws Exception {
    Brokers.RefusingBus refusing = new Brokers.RefusingBus(2);
    bus = refusing;
    start("");
    LinkedBlockingQueue<Event> received = received(bus, "rabbit", "orders");

    send("orders.created", "{\"id\": 7}");

    Event event = next(received);
    assertThat(event.data().at("/body/id").asInt()).isEqualTo(7);
    assertThat(refusing.refused.get()).isEqualTo(2);
    assertThat(received.poll(1500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void afterTheBrokerDropsTheConnectionTheRunnerConsumesAgain() throws Exception {
    start("connectionBackoff: {duration: 200ms, factor: 1}");
    LinkedBlockingQueue<Event> received = received(bus, "rabbit", "orders");
    send("orders.before", "{\"n\": 1}");
    assertThat(next(received).data().at("/body/n").asInt()).isEqualTo(1);

    RabbitConnections.close(AmqpEventSourceRunner.CONNECTION_PREFIX + "rabbit-orders");

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
      send("orders.after", "{\"n\": 2}");
      Event event = received.poll(200, TimeUnit.MILLISECONDS);
      return event != null && event.data().at("/body/n").asInt() == 2;
    });
  }

  @Test
  void aDeclarationTheBrokerRefusesAtStartIsNamedAndTriedAgain() throws Exception {
    channel.exchangeDeclare(exchange, "direct");
    runner = AmqpEventSourceRunner.start(Brokers.source(
        yaml("connectionBackoff: {duration: 200ms, factor: 1}")), bus, secrets,
        Clock.systemUTC());
    LinkedBlockingQueue<Event> received = received(bus, "rabbit", "orders");
    assertThat(runner.problems()).singleElement().asString()
        .startsWith("spec.amqp.orders.exchangeName: cannot declare exchange '" + exchange
            + "' of type topic: PRECONDITION_FAILED").endsWith(BrokerEvents.RETRYING);

    channel.exchangeDelete(exchange);

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
      send("orders.late", "{\"n\": 1}");
      return received.poll(200, TimeUnit.MILLISECONDS) != null;
    });
  }

  @Test
  void whatCannotStartIsAProblemNamingTheField() {
    String badUrl = yaml("").replace("amqp://127.0.0.1:5672", "http://127.0.0.1:5672");
    String unreachable = yaml("").replace("amqp://127.0.0.1:5672", "amqp://127.0.0.1:1");
    String noSecret = yaml("").replace("{name: rabbit, key: password}",
        "{name: rabbit, key: missing}");
    String wrongType = yaml("").replace("exchangeType: topic", "exchangeType: nonsense");

    assertThat(problems(badUrl)).singleElement().asString()
        .startsWith("spec.amqp.orders.url: expected an amqp:// or amqps:// URL");
    assertThat(problems(unreachable)).singleElement().asString()
        .startsWith("spec.amqp.orders.url: cannot connect to 127.0.0.1:1: ")
        .contains("refused");
    assertThat(problems(noSecret)).containsExactly(
        "spec.amqp.orders.auth.password: secret rabbit/missing not found");
    assertThat(problems(wrongType)).singleElement().asString()
        .startsWith("spec.amqp.orders.exchangeName: cannot declare exchange '" + exchange
            + "' of type nonsense: ");
  }

  private java.util.List<String> problems(String yaml) {
    try (AmqpEventSourceRunner failed = AmqpEventSourceRunner.start(Brokers.source(yaml), bus,
        secrets, Clock.systemUTC())) {
      return failed.problems();
    }
  }
}
