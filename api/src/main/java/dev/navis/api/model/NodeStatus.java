package dev.navis.api.model;

import java.time.Instant;
import java.util.List;

/** One node of a workflow run, in Argo's shape ({@code status.nodes[id]}). */
public record NodeStatus(
    String id,
    String name,
    String displayName,
    String type,
    String templateName,
    TemplateRef templateRef,
    String templateScope,
    String phase,
    String boundaryID,
    List<String> children,
    List<String> outboundNodes,
    Instant startedAt,
    Instant finishedAt,
    String progress,
    String message,
    Inputs inputs,
    Outputs outputs,
    String hostNodeName,
    Boolean daemoned,
    MemoizationStatus memoizationStatus) {

  /** Whether a node's outputs came from the memoization cache. */
  public record MemoizationStatus(Boolean hit, String key, String cacheName) {}
}
