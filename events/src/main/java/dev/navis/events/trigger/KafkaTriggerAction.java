package dev.navis.events.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.navis.api.Codec;
import dev.navis.api.model.events.KafkaTrigger;
import dev.navis.api.model.events.KafkaTrigger.SecureHeader;
import dev.navis.events.KafkaConnection;
import dev.navis.events.KafkaConnection.InvalidSettingException;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.TriggerParameters;
import dev.navis.events.sensor.TriggerParameters.ParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The {@code kafka} trigger: produces the JSON object its {@code payload} parameters build to
 * {@code topic}, keyed by {@code partitioningKey} (no key: the producer spreads messages), with
 * {@code headers} and {@code secureHeaders} (values from secrets), and waits for the broker's
 * acknowledgement ({@code requiredAcks}: 1 by default). {@code compress} uses snappy, as Argo
 * Events does; {@code flushFrequency} (ms) is how long the producer lingers to batch. Its own
 * {@code parameters} rewrite the trigger first. {@code partition} is deprecated in Argo Events
 * and ignored there and here; {@code version} is a Go client setting and ignored.
 *
 * <p>One producer is kept per distinct connection setting, for the life of the action.
 */
public final class KafkaTriggerAction implements TriggerAction, AutoCloseable {

  private static final Set<Integer> ACKS = Set.of(-1, 0, 1);

  private final Secrets secrets;
  private final Duration timeout;
  private final Map<String, KafkaProducer<byte[], byte[]>> producers = new ConcurrentHashMap<>();

  public KafkaTriggerAction(Secrets secrets) {
    this(secrets, Duration.ofSeconds(30));
  }

  /** @param timeout how long a message may take to be acknowledged before the run fails */
  public KafkaTriggerAction(Secrets secrets, Duration timeout) {
    this.secrets = secrets;
    this.timeout = timeout;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    ProducerRecord<byte[], byte[]> message;
    KafkaProducer<byte[], byte[]> producer;
    try {
      KafkaTrigger kafka = parameterized(request.template().kafka(), request);
      if (kafka.schemaRegistry() != null) {
        // TODO: Avro encoding needs a schema registry client; none is served to this build.
        return TriggerOutcome.failed("kafka.schemaRegistry: Avro encoding is not supported");
      }
      if (kafka.topic() == null || kafka.topic().isBlank()) {
        return TriggerOutcome.failed("kafka.topic: required");
      }
      message = message(kafka, request);
      producer = producer(kafka);
    } catch (ParameterException | InvalidSettingException | IllegalArgumentException e) {
      return TriggerOutcome.failed("kafka: " + e.getMessage());
    } catch (KafkaException e) {
      return TriggerOutcome.failed("kafka.url: " + e.getMessage());
    }
    return send(producer, message);
  }

  /** The trigger with its own {@code parameters} applied (to its topic, key...). */
  private static KafkaTrigger parameterized(KafkaTrigger kafka, TriggerRequest request) {
    if (kafka.parameters() == null || kafka.parameters().isEmpty()) {
      return kafka;
    }
    JsonNode applied = TriggerParameters.apply(Codec.json().valueToTree(kafka),
        kafka.parameters(), request.events());
    return Codec.json().convertValue(applied, KafkaTrigger.class);
  }

  private ProducerRecord<byte[], byte[]> message(KafkaTrigger kafka, TriggerRequest request) {
    JsonNode payload = TriggerParameters.apply(JsonNodeFactory.instance.objectNode(),
        kafka.payload(), request.events());
    byte[] key = kafka.partitioningKey() == null ? null
        : kafka.partitioningKey().getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(kafka.topic().strip(), key,
        Codec.toJson(payload).getBytes(StandardCharsets.UTF_8));
    if (kafka.headers() != null) {
      kafka.headers().forEach((name, value) -> message.headers().add(name,
          value.getBytes(StandardCharsets.UTF_8)));
    }
    List<SecureHeader> secureHeaders = kafka.secureHeaders() == null ? List.of()
        : kafka.secureHeaders();
    for (int i = 0; i < secureHeaders.size(); i++) {
      SecureHeader header = secureHeaders.get(i);
      message.headers().add(header.name(), secureValue("secureHeaders[" + i + "]", header)
          .getBytes(StandardCharsets.UTF_8));
    }
    return message;
  }

  private String secureValue(String at, SecureHeader header) {
    if (header.name() == null || header.valueFrom() == null
        || header.valueFrom().secretKeyRef() == null) {
      throw new IllegalArgumentException(at + ": expected {name, valueFrom: {secretKeyRef:"
          + " {name, key}}}");
    }
    var ref = header.valueFrom().secretKeyRef();
    return secrets.lookup(ref).orElseThrow(() -> new IllegalArgumentException(at
        + ".valueFrom.secretKeyRef: secret " + ref.name() + "/" + ref.key() + " not found"));
  }

  private KafkaProducer<byte[], byte[]> producer(KafkaTrigger kafka) {
    Properties config = KafkaConnection.properties("kafka", kafka.url(), kafka.tls(),
        kafka.sasl(), secrets);
    int acks = kafka.requiredAcks() == null ? 1 : kafka.requiredAcks();
    if (!ACKS.contains(acks)) {
      throw new IllegalArgumentException("requiredAcks: expected 0, 1 or -1, found " + acks);
    }
    config.put("acks", String.valueOf(acks == -1 ? "all" : acks));
    // Idempotence needs acks=all; the leader's acknowledgement is Argo Events' default.
    config.put("enable.idempotence", String.valueOf(acks == -1));
    config.put("compression.type", Boolean.TRUE.equals(kafka.compress()) ? "snappy" : "none");
    if (kafka.flushFrequency() != null && kafka.flushFrequency() >= 0) {
      config.put("linger.ms", String.valueOf(kafka.flushFrequency()));
    }
    // The broker must answer within the timeout; delivery may take the lingering on top.
    long millis = timeout.toMillis();
    long linger = Long.parseLong(config.getProperty("linger.ms", "5"));
    config.put("max.block.ms", String.valueOf(millis));
    config.put("request.timeout.ms", String.valueOf(millis));
    config.put("delivery.timeout.ms", String.valueOf(millis + linger));
    String settings = new TreeMap<>(config).toString();
    return producers.computeIfAbsent(settings, ignored -> new KafkaProducer<>(config,
        new ByteArraySerializer(), new ByteArraySerializer()));
  }

  private TriggerOutcome send(KafkaProducer<byte[], byte[]> producer,
      ProducerRecord<byte[], byte[]> message) {
    String topic = message.topic();
    try {
      RecordMetadata stored = producer.send(message)
          .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      return TriggerOutcome.succeeded("kafka: produced to " + topic + " partition "
          + stored.partition() + " offset " + stored.offset());
    } catch (ExecutionException e) {
      return TriggerOutcome.failed("kafka: producing to " + topic + " failed: "
          + e.getCause().getMessage());
    } catch (KafkaException e) {
      return TriggerOutcome.failed("kafka: producing to " + topic + " failed: "
          + e.getMessage());
    } catch (TimeoutException e) {
      return TriggerOutcome.failed("kafka: no acknowledgement from " + topic + " within "
          + timeout.multipliedBy(2).toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TriggerOutcome.failed("kafka: interrupted");
    }
  }

  /** Closes the producers. */
  @Override
  public void close() {
    producers.values().forEach(producer -> producer.close(Duration.ofSeconds(5)));
    producers.clear();
  }
}
