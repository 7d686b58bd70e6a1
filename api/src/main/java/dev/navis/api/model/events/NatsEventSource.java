package dev.navis.api.model.events;

import java.util.Map;

/** Events from a NATS subject; {@code queue} makes this a member of a queue group. */
public record NatsEventSource(
    String url,
    String subject,
    Backoff connectionBackoff,
    Boolean jsonBody,
    TlsConfig tls,
    Map<String, String> metadata,
    NatsAuth auth,
    String queue,
    EventSourceFilter filter) {}
