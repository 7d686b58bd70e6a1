package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One trigger: its name, the {@code conditions} (an expression over dependency names) that fire
 * it, and exactly one kind of action. {@code policy} and {@code atLeastOnce} belong to the
 * trigger, not here: Argo Events ignores them in this place, and so does Navis, with a warning.
 * {@code openwhisk} is the spelling some examples use (Go reads JSON names regardless of case).
 */
public record TriggerTemplate(
    String name,
    String conditions,
    List<ConditionsReset> conditionsReset,
    ArgoWorkflowTrigger argoWorkflow,
    HttpTrigger http,
    LogTrigger log,
    JsonNode k8s,
    JsonNode nats,
    KafkaTrigger kafka,
    AWSLambdaTrigger awsLambda,
    JsonNode custom,
    JsonNode slack,
    JsonNode openWhisk,
    JsonNode openwhisk,
    JsonNode azureEventHubs,
    JsonNode azureServiceBus,
    JsonNode pulsar,
    JsonNode email,
    JsonNode policy,
    JsonNode atLeastOnce) {

  /** Forget what the dependencies have seen, on a cron schedule. */
  public record ConditionsReset(ByTime byTime) {}

  /** A cron schedule, in a time zone (UTC by default). */
  public record ByTime(String cron, String timezone) {}
}
