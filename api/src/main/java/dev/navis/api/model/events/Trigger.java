package dev.navis.api.model.events;

import java.util.List;

/** What a sensor does when its conditions are met, with how it retries and limits it. */
public record Trigger(
    TriggerTemplate template,
    List<TriggerParameter> parameters,
    TriggerPolicy policy,
    Backoff retryStrategy,
    RateLimit rateLimit,
    Boolean atLeastOnce,
    Trigger dlqTrigger) {

  /** Which HTTP answers count as success; others fail the trigger. */
  public record TriggerPolicy(com.fasterxml.jackson.databind.JsonNode k8s, StatusPolicy status) {}

  /** The HTTP statuses that count as success. */
  public record StatusPolicy(List<Integer> allow) {}

  /** At most {@code requestsPerUnit} runs per {@code unit} (Second, Minute or Hour). */
  public record RateLimit(String unit, Integer requestsPerUnit) {}
}
