package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Events from Redis pub/sub channels. */
public record RedisEventSource(
    String hostAddress,
    SecretKeySelector password,
    String username,
    String namespace,
    Integer db,
    List<String> channels,
    JsonNode tls,
    Map<String, String> metadata,
    Boolean jsonBody,
    EventSourceFilter filter) {}
