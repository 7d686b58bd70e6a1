package dev.navis.events.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.sensor.SensorStateStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensor state in a JetStream key-value bucket, one per bus ({@code navis-sensors-<bus>}),
 * file-backed: the key {@code <namespace>.<sensor>.<trigger>} (each part escaped, see
 * {@link NatsNames#token}) holds what the trigger has seen, dependency name to CloudEvents
 * JSON. {@link #save} returns once the server has stored the value.
 */
public final class JetStreamSensorStateStore implements SensorStateStore {

  private final KeyValue bucket;

  private JetStreamSensorStateStore(KeyValue bucket) {
    this.bucket = bucket;
  }

  /** The state store of {@code busName} (null: the default bus), on the bus's connection. */
  public static JetStreamSensorStateStore open(JetStreamEventBus bus, String busName) {
    return open(bus.connection(), busName);
  }

  /** The bucket of {@code busName}, created when missing. */
  static JetStreamSensorStateStore open(Connection connection, String busName) {
    String bucket = bucketName(busName);
    try {
      if (!connection.keyValueManagement().getBucketNames().contains(bucket)) {
        connection.keyValueManagement().create(KeyValueConfiguration.builder().name(bucket)
            .storageType(StorageType.File).maxHistoryPerKey(1).build());
      }
      return new JetStreamSensorStateStore(connection.keyValue(bucket));
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException("cannot open the JetStream key-value bucket " + bucket
          + ": " + NatsConnections.reason(e), e);
    }
  }

  /** The bucket that holds the sensor state of {@code busName}. */
  public static String bucketName(String busName) {
    return "navis-sensors-" + NatsNames.stream(EventBus.busOrDefault(busName));
  }

  @Override
  public Map<String, Map<String, Event>> load(String namespace, String sensor) {
    String prefix = prefix(namespace, sensor);
    Map<String, Map<String, Event>> triggers = new LinkedHashMap<>();
    try {
      for (String key : keys(prefix)) {
        KeyValueEntry entry = bucket.get(key);
        if (entry != null && entry.getValue() != null) {
          triggers.put(NatsNames.untoken(key.substring(prefix.length())),
              events(entry.getValue()));
        }
      }
    } catch (IOException | JetStreamApiException e) {
      throw failed("load", namespace, sensor, e);
    }
    return triggers;
  }

  @Override
  public void save(String namespace, String sensor, String trigger, Map<String, Event> seen) {
    String key = prefix(namespace, sensor) + NatsNames.token(trigger);
    try {
      if (seen.isEmpty()) {
        bucket.delete(key);
        return;
      }
      ObjectNode value = JsonNodeFactory.instance.objectNode();
      seen.forEach((dependency, event) -> value.set(dependency, CloudEventsJson.tree(event)));
      bucket.put(key, Codec.json().writeValueAsBytes(value));
    } catch (IOException | JetStreamApiException e) {
      throw failed("save", namespace, sensor, e);
    }
  }

  @Override
  public void delete(String namespace, String sensor) {
    try {
      for (String key : keys(prefix(namespace, sensor))) {
        bucket.delete(key);
      }
    } catch (IOException | JetStreamApiException e) {
      throw failed("delete", namespace, sensor, e);
    }
  }

  private List<String> keys(String prefix) throws IOException, JetStreamApiException {
    try {
      return bucket.keys(prefix + ">");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted listing " + prefix, e);
    }
  }

  private static String prefix(String namespace, String sensor) {
    return NatsNames.token(namespace) + "." + NatsNames.token(sensor) + ".";
  }

  private static Map<String, Event> events(byte[] value) throws IOException {
    JsonNode tree = Codec.json().readTree(value);
    Map<String, Event> events = new LinkedHashMap<>();
    tree.properties().forEach(field ->
        events.put(field.getKey(), CloudEventsJson.event(field.getValue())));
    return events;
  }

  private IllegalStateException failed(String what, String namespace, String sensor,
      Exception e) {
    return new IllegalStateException("cannot " + what + " the state of sensor " + namespace
        + "/" + sensor + " in bucket " + bucket.getBucketName() + ": "
        + NatsConnections.reason(e), e);
  }
}
