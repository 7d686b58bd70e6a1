package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Events from a Kafka topic (one partition, or a consumer group). */
public record KafkaEventSource(
    String url,
    String partition,
    String topic,
    Backoff connectionBackoff,
    JsonNode tls,
    Boolean jsonBody,
    Map<String, String> metadata,
    JsonNode consumerGroup,
    Integer limitEventsPerSecond,
    String version,
    JsonNode sasl,
    String config,
    EventSourceFilter filter) {}
