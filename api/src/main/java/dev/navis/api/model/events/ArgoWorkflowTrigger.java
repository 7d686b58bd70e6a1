package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Submits a workflow, or acts on one (resubmit, retry, resume, suspend, terminate, stop). */
public record ArgoWorkflowTrigger(
    ArtifactSource source, String operation, List<TriggerParameter> parameters,
    List<String> args) {

  /** Where the workflow comes from; Navis reads {@code resource} (inline) for now. */
  public record ArtifactSource(
      JsonNode resource, String inline, JsonNode file, JsonNode url, JsonNode configmap,
      JsonNode git, JsonNode s3) {}
}
