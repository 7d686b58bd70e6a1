package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Events from an AMQP 0-9-1 (RabbitMQ) exchange. */
public record AmqpEventSource(
    String url,
    SecretKeySelector urlSecret,
    String exchangeName,
    String exchangeType,
    String routingKey,
    Backoff connectionBackoff,
    Boolean jsonBody,
    JsonNode tls,
    Map<String, String> metadata,
    JsonNode exchangeDeclare,
    JsonNode queueDeclare,
    JsonNode queueBind,
    JsonNode consume,
    JsonNode auth,
    EventSourceFilter filter) {}
