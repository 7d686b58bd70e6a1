package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Dependencies and triggers; {@code template} and {@code replicas} are Kubernetes-only. */
public record SensorSpec(
    List<EventDependency> dependencies,
    List<Trigger> triggers,
    JsonNode template,
    Boolean errorOnFailedRound,
    String eventBusName,
    Integer replicas,
    Integer revisionHistoryLimit,
    Map<String, String> loggingFields) {}
