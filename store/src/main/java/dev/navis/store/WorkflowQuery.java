package dev.navis.store;

import java.util.Set;

/**
 * Which workflows to list.
 *
 * @param namespace one namespace, or null for all
 * @param phases the phases to keep; empty for all
 * @param labelSelector Kubernetes label selector ({@code a=b,c!=d,e in (f,g),!h}); null for all
 * @param limit the most rows to return, newest first; 0 for no limit
 */
public record WorkflowQuery(String namespace, Set<String> phases, String labelSelector, int limit) {

  public static WorkflowQuery all() {
    return new WorkflowQuery(null, Set.of(), null, 0);
  }
}
