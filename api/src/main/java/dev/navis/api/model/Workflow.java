package dev.navis.api.model;

/** An {@code argoproj.io/v1alpha1} Workflow: a spec to run and the status of its run. */
public record Workflow(
    String apiVersion, String kind, ObjectMeta metadata, WorkflowSpec spec, WorkflowStatus status) {

  public static final String API_VERSION = "argoproj.io/v1alpha1";
  public static final String KIND = "Workflow";

  public Workflow withMetadata(ObjectMeta metadata) {
    return new Workflow(apiVersion, kind, metadata, spec, status);
  }

  public Workflow withSpec(WorkflowSpec spec) {
    return new Workflow(apiVersion, kind, metadata, spec, status);
  }

  public Workflow withStatus(WorkflowStatus status) {
    return new Workflow(apiVersion, kind, metadata, spec, status);
  }
}
