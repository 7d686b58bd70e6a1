package dev.navis.api.model.events;

import java.util.List;

/**
 * Publishes a JSON payload built by the {@code payload} parameters on a NATS subject;
 * {@code parameters} rewrite the trigger itself first.
 */
public record NatsTrigger(
    String url,
    String subject,
    List<TriggerParameter> payload,
    List<TriggerParameter> parameters,
    NatsAuth auth,
    TlsConfig tls) {}
