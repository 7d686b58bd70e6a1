package dev.navis.api.model;

/**
 * A WorkflowTemplate or ClusterWorkflowTemplate: a workflow spec stored for reuse. The kind
 * tells the two apart; both share the shape.
 */
public record WorkflowTemplate(
    String apiVersion, String kind, ObjectMeta metadata, WorkflowSpec spec) {

  public static final String KIND = "WorkflowTemplate";
  public static final String CLUSTER_KIND = "ClusterWorkflowTemplate";

  public boolean clusterScoped() {
    return CLUSTER_KIND.equals(kind);
  }
}
