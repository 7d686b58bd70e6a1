package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Produces a JSON message built by {@code payload} to a Kafka topic. {@code partition} is
 * deprecated in Argo Events (the key picks the partition); {@code flushFrequency} is in
 * milliseconds; {@code requiredAcks} is 0, 1 (the leader, the default) or -1 (all replicas).
 */
public record KafkaTrigger(
    String url,
    String topic,
    Integer partition,
    List<TriggerParameter> parameters,
    List<TriggerParameter> payload,
    Integer requiredAcks,
    Boolean compress,
    Integer flushFrequency,
    KafkaEventSource.TLSConfig tls,
    KafkaEventSource.SASLConfig sasl,
    String partitioningKey,
    String version,
    JsonNode schemaRegistry,
    Map<String, String> headers,
    List<SecureHeader> secureHeaders) {

  /** A header whose value comes from a secret. */
  public record SecureHeader(String name, ValueFrom valueFrom) {}

  /** Where a secure header's value is: a secret's key; {@code configMapKeyRef} is Kubernetes'. */
  public record ValueFrom(SecretKeySelector secretKeyRef, JsonNode configMapKeyRef) {}
}
