package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** The observed state of a workflow run, in Argo's shape. */
public record WorkflowStatus(
    String phase,
    Instant startedAt,
    Instant finishedAt,
    String progress,
    String message,
    Map<String, NodeStatus> nodes,
    Outputs outputs,
    Map<String, String> globalParameters,
    JsonNode conditions,
    JsonNode storedTemplates,
    JsonNode synchronization) {}
