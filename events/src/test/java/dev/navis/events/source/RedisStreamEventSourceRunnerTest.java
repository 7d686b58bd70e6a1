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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

/** The redisStream event source against the local Redis. */
class RedisStreamEventSourceRunnerTest {

  private static final String GROUP = RedisStreamEventSourceRunner.DEFAULT_GROUP;
  private final String stream = Brokers.unique("navis-test-stream");
  private final String sourceName = Brokers.unique("streams");
  private Jedis redis;
  private EventBus bus = new InMemoryEventBus();
  private RedisStreamEventSourceRunner runner;

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
    redis.del(stream);
    redis.close();
  }

  private String yaml() {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: %s}
        spec:
          redisStream:
            orders:
              hostAddress: 127.0.0.1:6379
              db: 0
              streams: [%s]
              maxMsgCountPerRead: 5
              metadata: {team: blue}
        """.formatted(sourceName, stream);
  }

  private void start(String yaml) {
    start(yaml, 0);
  }

  private void start(String yaml, int problems) {
    runner = RedisStreamEventSourceRunner.start(Brokers.source(yaml), bus, Secrets.none(),
        Clock.systemUTC());
    assertThat(runner.problems()).hasSize(problems);
  }

  private StreamEntryID add(String... fields) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      values.put(fields[i], fields[i + 1]);
    }
    return redis.xadd(stream, StreamEntryID.NEW_ENTRY, values);
  }

  private long pending() {
    return redis.xpending(stream, GROUP).getTotal();
  }

  @Test
  void anEntryBecomesAnEventWithArgosDataShapeAndIsAcknowledged() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");
    start(yaml());

    StreamEntryID id = add("order", "42", "state", "new");

    Event event = next(received);
    assertThat(event.data()).isEqualTo(json("""
        {"stream": "%s", "message_id": "%s", "values": {"order": "42", "state": "new"},
         "metadata": {"team": "blue"}}""".formatted(stream, id)));
    assertThat(event.context().type()).isEqualTo("redisStream");
    assertThat(event.context().source()).isEqualTo(sourceName);
    assertThat(event.context().subject()).isEqualTo("orders");
    assertThat(event.context().time()).isBetween(Instant.now().minusSeconds(10), Instant.now());
    await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
  }

  @Test
  void anEntryArrivingWhileTheBusFailsStaysPendingUntilStored() throws Exception {
    Brokers.RefusingBus refusing = new Brokers.RefusingBus(2);
    bus = refusing;
    start(yaml());
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    add("order", "7");
    await().atMost(Duration.ofSeconds(5)).until(() -> refusing.refused.get() == 1);
    assertThat(pending()).isEqualTo(1);

    assertThat(next(received).data().at("/values/order").asText()).isEqualTo("7");
    assertThat(refusing.refused.get()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void entriesAnEarlierRunReadButDidNotAcknowledgeArePublishedFirst() throws Exception {
    redis.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
    StreamEntryID unacknowledged = add("order", "1");
    redis.xreadGroup(GROUP, RedisStreamEventSourceRunner.consumer(sourceName, "orders"),
        XReadGroupParams.xReadGroupParams().count(1),
        Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    assertThat(pending()).isEqualTo(1);
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    start(yaml());
    add("order", "2");

    assertThat(next(received).data().get("message_id").asText())
        .isEqualTo(unacknowledged.toString());
    assertThat(next(received).data().at("/values/order").asText()).isEqualTo("2");
    await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
  }

  @Test
  void afterTheServerDropsTheConnectionTheRunnerReadsAgain() throws Exception {
    start(yaml());
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    RedisClients.kill(redis, RedisConnections.CLIENT_PREFIX + sourceName + ":orders");
    add("order", "3");

    assertThat(next(received).data().at("/values/order").asText()).isEqualTo("3");
  }

  @Test
  void aStreamThatCannotBeReadAtStartIsNamedAndTriedAgain() throws Exception {
    redis.set(stream, "not a stream yet");
    start(yaml(), 1);
    assertThat(runner.problems()).singleElement().asString()
        .startsWith("spec.redisStream.orders.streams: cannot create consumer group")
        .endsWith(BrokerEvents.RETRYING);
    LinkedBlockingQueue<Event> received = received(bus, sourceName, "orders");

    redis.del(stream);
    await().atMost(Duration.ofSeconds(10)).until(() -> redis.exists(stream)
        && !redis.xinfoGroups(stream).isEmpty());
    add("order", "late");

    assertThat(next(received).data().at("/values/order").asText()).isEqualTo("late");
  }

  @Test
  void whatCannotStartIsAProblemNamingTheField() {
    redis.set(stream, "not a stream");

    assertThat(problems(yaml())).singleElement().asString().startsWith(
        "spec.redisStream.orders.streams: cannot create consumer group argo-events-cg on '"
            + stream + "': WRONGTYPE");
    assertThat(problems(yaml().replace("127.0.0.1:6379", "127.0.0.1:1"))).singleElement()
        .asString().startsWith("spec.redisStream.orders.hostAddress: cannot connect to ");
    assertThat(problems(yaml().replace("streams: [" + stream + "]", ""))).containsExactly(
        "spec.redisStream.orders.streams: at least one stream is required");
  }

  private List<String> problems(String yaml) {
    try (RedisStreamEventSourceRunner failed = RedisStreamEventSourceRunner.start(
        Brokers.source(yaml), bus, Secrets.none(), Clock.systemUTC())) {
      return failed.problems();
    }
  }
}
