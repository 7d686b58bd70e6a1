package dev.navis.events.source;

import static dev.navis.events.source.Brokers.json;
import static dev.navis.events.source.Brokers.next;
import static dev.navis.events.source.Brokers.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The redis (pub/sub) event source against the local Redis. */
class RedisEventSourceRunnerTest {

  private final String channel = Brokers.unique("navis-test-channel");
  private final String sourceName = Brokers.unique("cache");
  private Jedis redis;
  private EventBus bus = new InMemoryEventBus();
  private RedisEventSourceRunner runner;

  @BeforeEach
  void connect() {
    Brokers.require("Redis", Brokers.REDIS);
    redis = RedisClients.connect();
  }

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
    bus.close();
    redis.close();
  }

  private String yaml() {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: %s}
        spec:
          redis:
            orders:
              hostAddress: 127.0.0.1:6379
              db: 0
              channels: [%s]
              jsonBody: true
              metadata: {team: blue}
        """.formatted(sourceName, channel);
  }

  private void start(String yaml) {
    runner = RedisEventSourceRunner.start(Brokers.source(yaml), bus, Secrets.none(),
        Clock.systemUTC());
    assertThat(runner.problems()).isEmpty();
    awaitSubscribed();
  }

  private void awaitSubscribed() {
    await().atMost(Duration.ofSeconds(10)).until(() ->
        redis.pubsubNumSub(channel).getOrDefault(channel, 0L) == 1L);
  }

  @Test
  void aMessageBecomesAnEventWithArgosDataShapeAndContext() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");
    start(yaml());

    redis.publish(channel, "{\"id\": 42}");

    Event event = next(received);
    assertThat(event.data()).isEqualTo(json("""
        {"channel": "%s", "pattern": "", "body": {"id": 42}, "metadata": {"team": "blue"}}"""
        .formatted(channel)));
    assertThat(event.context().type()).isEqualTo("redis");
    assertThat(event.context().source()).isEqualTo(sourceName);
    assertThat(event.context().subject()).isEqualTo("orders");
    assertThat(event.context().time()).isBetween(Instant.now().minusSeconds(10), Instant.now());
  }

  @Test
  void withoutJsonBodyTheBodyIsTextAndTheFilterApplies() throws Exception {
    start(yaml().replace("jsonBody: true", "filter: {expression: \"body == 'keep'\"}"));
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    redis.publish(channel, "drop");
    redis.publish(channel, "keep");

    assertThat(next(received).data().get("body").asText()).isEqualTo("keep");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aMessageArrivingWhileTheBusFailsIsPublishedAgainUntilStored() throws Exception {
    Brokers.RefusingBus refusing = new Brokers.RefusingBus(1);
    bus = refusing;
    start(yaml());
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    redis.publish(channel, "{\"id\": 1}");
    redis.publish(channel, "{\"id\": 2}");

    assertThat(next(received).data().at("/body/id").asInt()).isEqualTo(1);
    assertThat(next(received).data().at("/body/id").asInt()).isEqualTo(2);
    assertThat(refusing.refused.get()).isEqualTo(1);
  }

  @Test
  void afterTheServerDropsTheConnectionTheRunnerSubscribesAgain() throws Exception {
    start(yaml());
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    RedisClients.kill(redis, RedisConnections.CLIENT_PREFIX + sourceName + ":orders");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        redis.pubsubNumSub(channel).getOrDefault(channel, 0L) == 0L);
    awaitSubscribed();
    redis.publish(channel, "{\"id\": 3}");

    assertThat(next(received).data().at("/body/id").asInt()).isEqualTo(3);
  }

  @Test
  void whatCannotStartIsAProblemNamingTheField() {
    assertThat(problems(yaml().replace("127.0.0.1:6379", "localhost"))).containsExactly(
        "spec.redis.orders.hostAddress: expected host:port, found 'localhost'");
    assertThat(problems(yaml().replace("127.0.0.1:6379", "127.0.0.1:1"))).singleElement()
        .asString().startsWith("spec.redis.orders.hostAddress: cannot connect to 127.0.0.1:1: ");
    assertThat(problems(yaml().replace("db: 0", "db: 100000"))).singleElement().asString()
        .startsWith("spec.redis.orders.db: the server at 127.0.0.1:6379 refused: ");
    assertThat(problems(yaml().replace("db: 0", "password: {name: redis, key: password}")))
        .containsExactly("spec.redis.orders.password: secret redis/password not found");
    assertThat(problems(yaml().replace("channels: [" + channel + "]", "channels: []")))
        .containsExactly("spec.redis.orders.channels: at least one channel is required");
  }

  private List<String> problems(String yaml) {
    try (RedisEventSourceRunner failed = RedisEventSourceRunner.start(Brokers.source(yaml), bus,
        Secrets.none(), Clock.systemUTC())) {
      return failed.problems();
    }
  }
}
