package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kubernetes' wait backoff as Argo Events spells it: {@code duration} is a Go duration or a
 * number of nanoseconds, {@code factor} and {@code jitter} numbers that may be quoted.
 */
public record Backoff(JsonNode duration, Integer steps, JsonNode factor, JsonNode jitter) {}
