package dev.navis.events.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.KafkaEventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.KafkaConnection;
import dev.navis.events.KafkaConnection.InvalidSettingException;
import dev.navis.events.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Runs the {@code kafka} events of an EventSource: each reads its {@code topic} from one
 * {@code partition}, or, without one, as a member of a consumer group over all partitions
 * ({@code consumerGroup.groupName}, by default {@code navis-<eventSource>-<eventName>}). A
 * message becomes an event {@code {topic, key, partition, offset, timestamp, headers, body,
 * metadata}}: the body is JSON with {@code jsonBody}, else base64 as Argo Events prints bytes;
 * the timestamp as Go prints a time.
 *
 * <p>Offsets are committed only after the bus stored the event, so a message whose event the
 * bus refused comes again (and its event keeps its id, derived from topic, partition and
 * offset, so the bus drops a copy it already has). A new consumer starts at the newest message
 * ({@code consumerGroup.oldest}: the oldest) and commits that position at once, so messages
 * sent while it is stopped are read when it comes back.
 *
 * <p>{@code connectionBackoff} is not needed: the Java client reconnects by itself, and a
 * reader whose broker is away retries at 1 s, doubling up to 30 s, for as long as it runs.
 * {@code version} and {@code config} are settings of Argo Events' Go client and not used.
 */
public final class KafkaEventSourceRunner implements EventSourceRunner {

  static final Map<String, String> ASSIGNORS = Map.of(
      "range", "org.apache.kafka.clients.consumer.RangeAssignor",
      "roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor",
      "sticky", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
  private static final DateTimeFormatter GO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final List<KafkaTopicReader> readers = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private KafkaEventSourceRunner() {}

  /**
   * Starts one reader per kafka event on a virtual thread. An event whose settings cannot be
   * met (no url or topic, a bad partition, a missing secret) is left out and named in
   * {@link #problems()}; a broker that is down is retried, not a problem.
   */
  public static KafkaEventSourceRunner start(EventSource source, EventBus bus, Secrets secrets,
      Clock clock) {
    KafkaEventSourceRunner runner = new KafkaEventSourceRunner();
    Map<String, KafkaEventSource> events = source.spec().kafka() == null ? Map.of()
        : source.spec().kafka();
    events.forEach((name, kafka) -> {
      String at = "spec.kafka." + name;
      try {
        KafkaTopicReader reader = new KafkaTopicReader(source, name, kafka,
            consumer(source.metadata().name(), name, kafka, secrets), bus, clock);
        runner.readers.add(reader);
        reader.start();
      } catch (InvalidSettingException e) {
        runner.problems.add(e.getMessage());
      } catch (KafkaException e) {
        runner.problems.add(at + ".url: " + rootMessage(e));
      }
    });
    return runner;
  }

  @Override
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    readers.forEach(KafkaTopicReader::stop);
    readers.forEach(KafkaTopicReader::awaitStopped);
  }

  /** The consumer group an event reads with. */
  static String groupOf(String eventSource, String eventName, KafkaEventSource kafka) {
    return kafka.consumerGroup() != null && kafka.consumerGroup().groupName() != null
        && !kafka.consumerGroup().groupName().isBlank() ? kafka.consumerGroup().groupName()
        : "navis-" + eventSource + "-" + eventName;
  }

  /** The partition to read, or -1 for all of them through the group. */
  static int partitionOf(String at, KafkaEventSource kafka) {
    if (kafka.partition() == null || kafka.partition().isBlank()) {
      return -1;
    }
    try {
      int partition = Integer.parseInt(kafka.partition().strip());
      if (partition >= 0) {
        return partition;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(at + ".partition: expected a partition number such as"
        + " \"0\", found '" + kafka.partition() + "'");
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String eventSource, String name,
      KafkaEventSource kafka, Secrets secrets) {
    String at = "spec.kafka." + name;
    if (kafka.topic() == null || kafka.topic().isBlank()) {
      throw new InvalidSettingException(at + ".topic: required");
    }
    partitionOf(at, kafka);
    Properties config = KafkaConnection.properties(at, kafka.url(), kafka.tls(), kafka.sasl(),
        secrets);
    config.put("group.id", groupOf(eventSource, name, kafka));
    config.put("client.id", "navis-" + eventSource + "-" + name);
    config.put("enable.auto.commit", "false");
    boolean oldest = kafka.consumerGroup() != null
        && Boolean.TRUE.equals(kafka.consumerGroup().oldest());
    config.put("auto.offset.reset", oldest ? "earliest" : "latest");
    String strategy = kafka.consumerGroup() == null ? null
        : kafka.consumerGroup().rebalanceStrategy();
    if (strategy != null && !strategy.isBlank()) {
      String assignor = ASSIGNORS.get(strategy.strip().toLowerCase(Locale.ROOT));
      if (assignor == null) {
        throw new InvalidSettingException(at + ".consumerGroup.rebalanceStrategy: expected one"
            + " of " + ASSIGNORS.keySet().stream().sorted().toList() + ", found '" + strategy
            + "'");
      }
      config.put("group.protocol", "classic");
      config.put("partition.assignment.strategy", assignor);
    }
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** The event a message becomes; a body that is not JSON under {@code jsonBody} throws. */
  static Event event(EventSource source, String name, KafkaEventSource kafka,
      ConsumerRecord<byte[], byte[]> message, Instant now) throws JsonProcessingException {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("topic", message.topic());
    data.put("key", message.key() == null ? ""
        : new String(message.key(), StandardCharsets.UTF_8));
    data.put("partition", message.partition());
    data.put("offset", message.offset());
    data.put("timestamp", goTime(Instant.ofEpochMilli(message.timestamp())));
    ObjectNode headers = data.putObject("headers");
    for (Header header : message.headers()) {
      headers.put(header.key(), header.value() == null ? ""
          : new String(header.value(), StandardCharsets.UTF_8));
    }
    data.set("body", body(message.value(), Boolean.TRUE.equals(kafka.jsonBody())));
    if (kafka.metadata() != null && !kafka.metadata().isEmpty()) {
      data.set("metadata", Codec.json().valueToTree(kafka.metadata()));
    }
    Event event = Event.of("kafka", source.metadata().name(), name, now, data);
    return new Event(event.context().withId(idOf(source, name, kafka, message)), data);
  }

  private static JsonNode body(byte[] value, boolean json) throws JsonProcessingException {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    return json ? Codec.json().readTree(new String(value, StandardCharsets.UTF_8))
        : TextNode.valueOf(Base64.getEncoder().encodeToString(value));
  }

  /** The same message always makes the same id, so a redelivered one is a duplicate. */
  private static String idOf(EventSource source, String name, KafkaEventSource kafka,
      ConsumerRecord<byte[], byte[]> message) {
    String identity = String.join("/", source.metadata().name(), name, kafka.url(),
        message.topic(), String.valueOf(message.partition()), String.valueOf(message.offset()),
        String.valueOf(message.timestamp()));
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A time as Go's {@code time.Time.String()} prints it in UTC. */
  static String goTime(Instant time) {
    String fraction = String.format(Locale.ROOT, "%09d", time.getNano())
        .replaceFirst("0+$", "");
    return GO_SECONDS.format(time.atOffset(ZoneOffset.UTC))
        + (fraction.isEmpty() ? "" : "." + fraction) + " +0000 UTC";
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
