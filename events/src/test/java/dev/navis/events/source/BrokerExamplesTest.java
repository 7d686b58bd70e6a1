package dev.navis.events.source;

import static dev.navis.events.source.Brokers.next;
import static dev.navis.events.source.Brokers.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.Event;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * Argo Events' own broker examples, read as they are and pointed at the local brokers (the
 * address, and names unique to this run): a message published to the broker becomes an event.
 */
class BrokerExamplesTest {

  private final InMemoryEventBus bus = new InMemoryEventBus();
  private EventSourceRunner runner;

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
    bus.close();
  }

  /** The example's only event, {@code example}, changed by {@code edit}. */
  private static EventSource example(String file, String type, Consumer<ObjectNode> edit) {
    EventSource source = ArgoEventsExamples.read("event-sources/" + file, EventSource.class);
    ObjectNode tree = Codec.json().valueToTree(source);
    edit.accept((ObjectNode) tree.at("/spec/" + type + "/example"));
    return Codec.json().convertValue(tree, EventSource.class);
  }

  private LinkedBlockingQueue<Event> started(EventSourceRunner started, String name) {
    runner = started;
    assertThat(runner.problems()).isEmpty();
    return received(bus, name, "example");
  }

  @Test
  void amqpExample() throws Exception {
    Brokers.require("RabbitMQ", Brokers.RABBITMQ);
    String exchange = Brokers.unique("navis-example-test");
    EventSource source = example("amqp.yaml", "amqp", amqp -> {
      amqp.put("url", "amqp://127.0.0.1:5672");
      amqp.put("exchangeName", exchange);
      ((ObjectNode) amqp.get("queueDeclare")).put("name", Brokers.unique("my-queue-name"));
    });
    Secrets secrets = Secrets.fromEnvironmentAndFolder(Map.of("NAVIS_SECRET_MY_SECRET_USERNAME",
        "guest", "NAVIS_SECRET_MY_SECRET_PASSWORD", "guest"), Path.of("/nonexistent"));
    LinkedBlockingQueue<Event> received = started(
        AmqpEventSourceRunner.start(source, bus, secrets, Clock.systemUTC()), "amqp");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    try (Connection connection = factory.newConnection()) {
      Channel channel = connection.createChannel();
      channel.basicPublish(exchange, "hello", null,
          "{\"message\": \"hello\"}".getBytes(StandardCharsets.UTF_8));

      Event event = next(received);
      assertThat(event.data().at("/body/message").asText()).isEqualTo("hello");
      assertThat(event.data().get("exchange").asText()).isEqualTo(exchange);
      runner.close();
      channel.exchangeDelete(exchange);
    }
  }

  @Test
  void mqttExample() throws Exception {
    Brokers.require("Mosquitto", Brokers.MOSQUITTO);
    String topic = Brokers.unique("bar");
    String clientId = Brokers.unique("2345");
    EventSource source = example("mqtt.yaml", "mqtt", mqtt -> mqtt
        .put("url", "tcp://127.0.0.1:1883").put("topic", topic).put("clientId", clientId));
    LinkedBlockingQueue<Event> received = started(
        MqttEventSourceRunner.start(source, bus, Secrets.none(), Clock.systemUTC()), "mqtt");
    MqttClient publisher = new MqttClient("tcp://127.0.0.1:1883", Brokers.unique("publisher"),
        new MemoryPersistence());
    publisher.connect();
    publisher.publish(topic, "{\"message\": \"hello\"}".getBytes(StandardCharsets.UTF_8), 1,
        false);

    Event event = next(received);
    assertThat(event.data().at("/body/message").asText()).isEqualTo("hello");
    assertThat(event.data().get("topic").asText()).isEqualTo(topic);
    publisher.disconnect(0);
    publisher.close();
    runner.close();
    MqttClient cleaner = new MqttClient("tcp://127.0.0.1:1883", clientId,
        new MemoryPersistence());
    MqttConnectOptions clean = new MqttConnectOptions();
    clean.setCleanSession(true);
    cleaner.connect(clean);
    cleaner.disconnect(0);
    cleaner.close();
  }

  @Test
  void redisExample() throws Exception {
    Brokers.require("Redis", Brokers.REDIS);
    String channel = Brokers.unique("FOO");
    EventSource source = example("redis.yaml", "redis", redis -> {
      redis.put("hostAddress", "127.0.0.1:6379");
      redis.putArray("channels").add(channel);
    });
    LinkedBlockingQueue<Event> received = started(
        RedisEventSourceRunner.start(source, bus, Secrets.none(), Clock.systemUTC()), "redis");
    try (Jedis redis = RedisClients.connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() ->
          redis.pubsubNumSub(channel).getOrDefault(channel, 0L) == 1L);
      redis.publish(channel, "hello");

      Event event = next(received);
      assertThat(event.data().get("body").asText()).isEqualTo("hello");
      assertThat(event.data().get("channel").asText()).isEqualTo(channel);
    }
  }

  @Test
  void redisStreamsExample() throws Exception {
    Brokers.require("Redis", Brokers.REDIS);
    String stream = Brokers.unique("FOO");
    EventSource source = example("redis-streams.yaml", "redisStream", redis -> {
      redis.put("hostAddress", "127.0.0.1:6379");
      redis.putArray("streams").add(stream);
    });
    LinkedBlockingQueue<Event> received = started(RedisStreamEventSourceRunner.start(source,
        bus, Secrets.none(), Clock.systemUTC()), "redis-stream");
    try (Jedis redis = RedisClients.connect()) {
      redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("message", "hello"));

      Event event = next(received);
      assertThat(event.data().at("/values/message").asText()).isEqualTo("hello");
      assertThat(event.data().get("stream").asText()).isEqualTo(stream);
      runner.close();
      redis.del(stream);
    }
  }

  @Test
  void awsSnsExample() throws Exception {
    EventSource source = example("aws-sns.yaml", "sns", sns ->
        ((ObjectNode) sns.get("webhook")).put("port", "0"));
    SnsEventSourceRunner sns = SnsEventSourceRunner.start(source, bus, Clock.systemUTC());
    LinkedBlockingQueue<Event> received = started(sns, "aws-sns");
    String notification = """
        {"Type": "Notification", "MessageId": "m-1",
         "TopicArn": "arn:aws:sns:us-east-1:XXXXXXXX:test", "Message": "hello",
         "Timestamp": "2026-12-04T05:22:08.000Z"}""";

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + sns.boundPort("0") + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(notification)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(next(received).data().at("/body/Message").asText()).isEqualTo("hello");
  }
}
