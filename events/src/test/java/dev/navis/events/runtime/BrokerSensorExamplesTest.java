package dev.navis.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * Argo Events' broker examples end to end: the example EventSource (pointed at the local
 * broker) and the example Sensor applied to the runtime, a message published to the broker,
 * the workflow the sensor's trigger makes from it.
 */
class BrokerSensorExamplesTest {

  private final InMemoryEventBus bus = new InMemoryEventBus();
  private final FakeWorkflowOperations workflows = new FakeWorkflowOperations();
  private final Secrets secrets = Secrets.fromEnvironmentAndFolder(Map.of(
      "NAVIS_SECRET_MY_SECRET_USERNAME", "guest", "NAVIS_SECRET_MY_SECRET_PASSWORD", "guest"),
      Path.of("/nonexistent"));
  private final EventsRuntime runtime = new EventsRuntime(bus,
      TriggerActions.standard(workflows, secrets), secrets, Clock.systemUTC(),
      SensorListener.NONE);

  @AfterEach
  void close() {
    runtime.close();
    bus.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void require(String broker, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
    } catch (IOException e) {
      throw new AssertionError(broker + " is not reachable on 127.0.0.1:" + port
          + "; start it with bin/test, or: . bin/lib.sh && navis_start_event_services", e);
    }
  }

  private void apply(String file, String type, Consumer<ObjectNode> edit) {
    EventSource source = ArgoEventsExamples.read("event-sources/" + file, EventSource.class);
    ObjectNode tree = Codec.json().valueToTree(source);
    edit.accept((ObjectNode) tree.at("/spec/" + type + "/example"));
    assertThat(runtime.apply("argo", Codec.json().convertValue(tree, EventSource.class)))
        .isEmpty();
  }

  private void applySensor(String file) {
    Sensor sensor = ArgoEventsExamples.read("sensors/" + file, Sensor.class);
    assertThat(runtime.apply("argo", sensor)).isEmpty();
  }

  private Workflow awaitWorkflow() {
    await().atMost(Duration.ofSeconds(10)).until(() -> !workflows.submitted.isEmpty());
    return workflows.submitted.getFirst();
  }

  private static Jedis redis() {
    return new Jedis(new HostAndPort("127.0.0.1", 6379),
        DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).build());
  }

  @Test
  void amqpMessageStartsTheAmqpSensorsWorkflow() throws Exception {
    require("RabbitMQ", 5672);
    String exchange = unique("navis-example-test");
    apply("amqp.yaml", "amqp", amqp -> {
      amqp.put("url", "amqp://127.0.0.1:5672").put("exchangeName", exchange);
      ((ObjectNode) amqp.get("queueDeclare")).put("name", unique("my-queue-name"));
    });
    applySensor("amqp.yaml");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    try (Connection connection = factory.newConnection()) {
      Channel channel = connection.createChannel();

      channel.basicPublish(exchange, "hello", null,
          "{\"message\":\"hello from rabbit\"}".getBytes(StandardCharsets.UTF_8));

      assertThat(awaitWorkflow().spec().arguments().parameters().getFirst().value())
          .isEqualTo("{\"message\":\"hello from rabbit\"}");
      runtime.close();
      channel.exchangeDelete(exchange);
    }
  }

  @Test
  void redisMessageStartsTheRedisSensorsWorkflow() {
    require("Redis", 6379);
    String channel = unique("FOO");
    apply("redis.yaml", "redis", redis -> {
      redis.put("hostAddress", "127.0.0.1:6379");
      redis.putArray("channels").add(channel);
    });
    applySensor("redis.yaml");
    try (Jedis redis = redis()) {
      await().atMost(Duration.ofSeconds(10)).until(() ->
          redis.pubsubNumSub(channel).getOrDefault(channel, 0L) == 1L);

      redis.publish(channel, "hello from redis");

      assertThat(awaitWorkflow().spec().templates().getFirst().container().args().getFirst())
          .isEqualTo("hello from redis");
    }
  }

  @Test
  void redisStreamEntryStartsTheRedisStreamSensorsWorkflow() {
    require("Redis", 6379);
    String stream = unique("FOO");
    apply("redis-streams.yaml", "redisStream", redis -> {
      redis.put("hostAddress", "127.0.0.1:6379");
      redis.putArray("streams").add(stream);
    });
    applySensor("redis-streams.yaml");
    try (Jedis redis = redis()) {
      redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("message", "hello"));

      assertThat(awaitWorkflow().spec().templates().getFirst().container().args().getFirst())
          .isEqualTo("{\"message\":\"hello\"}");
      runtime.close();
      redis.del(stream);
    }
  }
}
