package dev.navis.server;

import dev.navis.api.model.NodeStatus;

/** Pod names as Argo gives them: workflow, template and the node id's hash. */
public final class PodNames {

  private static final int MAX_LENGTH = 63;

  private PodNames() {}

  public static String of(String workflowName, NodeStatus node) {
    if (node.id().equals(workflowName)) {
      return workflowName;
    }
    String hash = node.id().startsWith(workflowName + "-")
        ? node.id().substring(workflowName.length() + 1)
        : node.id();
    String template = node.templateName() != null ? node.templateName() : "";
    String prefix = workflowName + "-" + template;
    int room = MAX_LENGTH - hash.length() - 1;
    if (prefix.length() > room) {
      prefix = prefix.substring(0, Math.max(0, room));
    }
    return prefix + "-" + hash;
  }
}
