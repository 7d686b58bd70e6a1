package dev.navis.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A stored WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow: the resource as the user
 * wrote it (its {@code status} aside) with the metadata the store keeps for it.
 *
 * @param kind the resource's {@code kind}, as in YAML
 * @param namespace its namespace; empty for cluster-scoped kinds
 * @param labels {@code metadata.labels}, what {@link ResourceStore#list} selects on
 * @param resourceVersion raised by every change of the resource (not of its status)
 * @param generation raised by every change of the spec
 * @param body the whole resource without status; its metadata carries uid, resourceVersion,
 *     generation and creationTimestamp as stored
 */
public record StoredResource(
    String kind,
    String namespace,
    String name,
    String uid,
    Map<String, String> labels,
    long resourceVersion,
    long generation,
    Instant createdAt,
    JsonNode body) {}
