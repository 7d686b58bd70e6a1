package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Events from a Kafka topic: {@code url} is a comma-separated list of brokers; one
 * {@code partition}, or, without it, a consumer group over all partitions. {@code version}
 * and {@code config} are settings of Argo Events' Go client (sarama); {@code schemaRegistry}
 * decodes Avro bodies.
 */
public record KafkaEventSource(
    String url,
    String partition,
    String topic,
    Backoff connectionBackoff,
    TLSConfig tls,
    Boolean jsonBody,
    Map<String, String> metadata,
    ConsumerGroup consumerGroup,
    Integer limitEventsPerSecond,
    String version,
    SASLConfig sasl,
    JsonNode schemaRegistry,
    String config,
    EventSourceFilter filter) {

  /** The consumer group; {@code oldest} starts a new group at the oldest message. */
  public record ConsumerGroup(String groupName, Boolean oldest, String rebalanceStrategy) {}

  /** TLS with PEM certificates and key from secrets (the Kafka source and trigger share it). */
  public record TLSConfig(
      SecretKeySelector caCertSecret,
      SecretKeySelector clientCertSecret,
      SecretKeySelector clientKeySecret,
      Boolean insecureSkipVerify) {}

  /** SASL: {@code mechanism} PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, user and password. */
  public record SASLConfig(
      String mechanism,
      SecretKeySelector userSecret,
      SecretKeySelector passwordSecret) {}
}
