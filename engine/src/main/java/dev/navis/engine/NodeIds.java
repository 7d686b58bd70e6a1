package dev.navis.engine;

import java.nio.charset.StandardCharsets;

/** Argo's deterministic node ids and pod names, derived from node names. */
final class NodeIds {

  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private NodeIds() {}

  /** The id of node {@code nodeName}: the workflow name for the root, else name-hash. */
  static String id(String workflowName, String nodeName) {
    if (workflowName.equals(nodeName)) {
      return workflowName;
    }
    return workflowName + "-" + fnv1a(nodeName);
  }

  /** Argo's v2 pod name: workflow-template-hash, or the workflow name for a root pod. */
  static String podName(String workflowName, String nodeName, String templateName) {
    if (workflowName.equals(nodeName)) {
      return workflowName;
    }
    String prefix = templateName == null ? workflowName : workflowName + "-" + templateName;
    if (prefix.length() > 252 - 11) {
      prefix = prefix.substring(0, 252 - 11);
    }
    return prefix + "-" + fnv1a(nodeName);
  }

  static long fnv1a(String text) {
    int hash = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return Integer.toUnsignedLong(hash);
  }
}
