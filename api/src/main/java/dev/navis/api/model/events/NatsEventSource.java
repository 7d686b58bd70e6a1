package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Events from a NATS subject. */
public record NatsEventSource(
    String url,
    String subject,
    Backoff connectionBackoff,
    Boolean jsonBody,
    JsonNode tls,
    Map<String, String> metadata,
    JsonNode auth,
    String queue,
    EventSourceFilter filter) {}
