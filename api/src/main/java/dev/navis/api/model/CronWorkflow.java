package dev.navis.api.model;

/** A CronWorkflow: a workflow spec submitted on a schedule. */
public record CronWorkflow(
    String apiVersion, String kind, ObjectMeta metadata, CronWorkflowSpec spec,
    com.fasterxml.jackson.databind.JsonNode status) {

  public static final String KIND = "CronWorkflow";
}
