package dev.navis.api.model;

import java.time.Instant;
import java.util.Map;

/** Kubernetes object metadata, as much of it as Navis reads or writes. */
public record ObjectMeta(
    String name,
    String generateName,
    String namespace,
    String uid,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant creationTimestamp,
    String resourceVersion,
    Long generation,
    com.fasterxml.jackson.databind.JsonNode ownerReferences,
    com.fasterxml.jackson.databind.JsonNode finalizers,
    com.fasterxml.jackson.databind.JsonNode managedFields,
    Map<String, LabelValueFrom> labelsFrom) {

  /** The old shape, before {@code labelsFrom}; kept so existing callers compile. */
  public ObjectMeta(String name, String generateName, String namespace, String uid,
      Map<String, String> labels, Map<String, String> annotations, Instant creationTimestamp,
      String resourceVersion, Long generation,
      com.fasterxml.jackson.databind.JsonNode ownerReferences,
      com.fasterxml.jackson.databind.JsonNode finalizers,
      com.fasterxml.jackson.databind.JsonNode managedFields) {
    this(name, generateName, namespace, uid, labels, annotations, creationTimestamp,
        resourceVersion, generation, ownerReferences, finalizers, managedFields, null);
  }

  /** A workflow label whose value an expression computes ({@code workflowMetadata} only). */
  public record LabelValueFrom(String expression) {}

  public static ObjectMeta named(String name) {
    return new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null, null);
  }
}
