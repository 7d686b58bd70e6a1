package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/** How often and when to retry a node that did not succeed. */
public record RetryStrategy(
    String limit, String retryPolicy, Backoff backoff, String expression, JsonNode affinity) {

  /** Wait between attempts: duration * factor^attempt, at most cap, within maxDuration. */
  public record Backoff(String duration, String factor, String maxDuration, String cap) {}
}
