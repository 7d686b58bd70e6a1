package dev.navis.api.model.events;

import java.util.Map;

/**
 * Events from an AWS SNS topic, pushed to an HTTP endpoint ({@code webhook}). {@code endpoint}
 * is the SNS API's address when it is not AWS's own (LocalStack and the like).
 */
public record SnsEventSource(
    WebhookEventSource webhook,
    String topicArn,
    SecretKeySelector accessKey,
    SecretKeySelector secretKey,
    String region,
    String roleARN,
    Boolean validateSignature,
    String endpoint,
    Map<String, String> metadata,
    EventSourceFilter filter) {}
