package dev.navis.engine;

import java.time.Instant;

/**
 * One phase transition, of a node ({@code nodeId} set) or of the workflow ({@code nodeId}
 * null), in the order they happened. Store, metrics, watchers and sensors all read these.
 */
public record PhaseChange(
    String workflowName, String nodeId, String nodeName, String from, String to, Instant at,
    String message) {}
