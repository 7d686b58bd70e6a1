package dev.navis.store;

import dev.navis.api.model.Workflow;
import java.time.Instant;
import java.util.Map;

/**
 * A workflow row: the workflow as submitted (metadata, spec) with its workflow-level status,
 * never its nodes, which are rows of their own.
 *
 * @param workflow metadata (name, namespace, uid, labels...), spec, and status without nodes
 */
public record StoredWorkflow(
    String uid,
    String namespace,
    String name,
    String phase,
    Map<String, String> labels,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Workflow workflow) {}
