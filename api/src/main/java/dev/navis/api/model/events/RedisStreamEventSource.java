package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Events from Redis streams, read through a consumer group ({@code argo-events-cg} unless
 * {@code consumerGroup} says), at most {@code maxMsgCountPerRead} entries per stream per read.
 */
public record RedisStreamEventSource(
    String hostAddress,
    Integer db,
    List<String> streams,
    Integer maxMsgCountPerRead,
    String consumerGroup,
    SecretKeySelector password,
    String username,
    JsonNode tls,
    Map<String, String> metadata,
    EventSourceFilter filter) {}
