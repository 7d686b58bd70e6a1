package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** An HTTP endpoint that turns each accepted request into an event. */
public record WebhookEventSource(
    String endpoint,
    String method,
    String port,
    String url,
    JsonNode serverCertSecret,
    JsonNode serverKeySecret,
    Map<String, String> metadata,
    SecretKeySelector authSecret,
    Long maxPayloadSize,
    EventSourceFilter filter) {}
