package dev.navis.store;

import java.time.Instant;

/**
 * An operation asked of a workflow by any process (stop, terminate, suspend, resume), kept until
 * the process that runs the workflow takes it.
 *
 * @param kind {@code stop}, {@code terminate}, {@code suspend} or {@code resume}
 * @param argument the stop message or resume node selector; may be null
 */
public record ControlRequest(long id, String workflowUid, String kind, String argument,
    Instant requestedAt) {}
