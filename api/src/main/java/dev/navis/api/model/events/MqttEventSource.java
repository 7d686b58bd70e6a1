package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Events from an MQTT topic. */
public record MqttEventSource(
    String url,
    String topic,
    String clientId,
    Backoff connectionBackoff,
    Boolean jsonBody,
    JsonNode tls,
    Map<String, String> metadata,
    BasicAuth auth,
    EventSourceFilter filter) {}
