package dev.navis.events.trigger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.ArgoWorkflowTrigger.ArtifactSource;
import dev.navis.api.model.events.TriggerParameter;
import dev.navis.events.trigger.TriggerSourceReader.Read;
import java.util.List;

/**
 * The {@code k8s} trigger, as far as one machine can honour it: most Argo Events examples
 * create an Argo {@code Workflow} this way, and Navis submits that workflow as the
 * {@code argoWorkflow} trigger would, read from the same sources
 * ({@link TriggerSourceReader}). Any other object or operation needs a Kubernetes cluster and
 * fails saying so.
 */
public final class K8sTriggerAction implements TriggerAction {

  private static final TypeReference<List<TriggerParameter>> PARAMETERS =
      new TypeReference<>() {};

  private final ArgoWorkflowTriggerAction workflows;

  public K8sTriggerAction(ArgoWorkflowTriggerAction workflows) {
    this.workflows = workflows;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    JsonNode k8s = request.template().k8s();
    Read read;
    try {
      read = workflows.read(k8s.path("source").isObject() ? Codec.json().convertValue(
          k8s.get("source"), ArtifactSource.class) : null, request);
    } catch (IllegalArgumentException e) {
      return TriggerOutcome.failed("k8s.source: " + e.getMessage());
    }
    if (!read.succeeded()) {
      return TriggerOutcome.failed("k8s: " + read.failure());
    }
    JsonNode resource = read.resource();
    String operation = k8s.path("operation").asText("create");
    boolean workflow = resource.path("kind").asText().equals("Workflow")
        && resource.path("apiVersion").asText().startsWith("argoproj.io/");
    if (!workflow || !(operation.equals("create") || operation.isEmpty())) {
      // TODO: other objects and operations go to the Kubernetes executor's cluster client.
      return TriggerOutcome.failed("k8s: " + operation + " of "
          + resource.path("kind").asText("an object without kind")
          + " needs a Kubernetes cluster; only creating an inline Argo Workflow runs here");
    }
    List<TriggerParameter> parameters;
    try {
      parameters = Codec.json().convertValue(k8s.path("parameters").isArray()
          ? k8s.get("parameters") : Codec.json().createArrayNode(), PARAMETERS);
    } catch (IllegalArgumentException e) {
      return TriggerOutcome.failed("k8s.parameters: not a list of parameters: " + e.getMessage());
    }
    return workflows.execute("submit", resource, parameters, request);
  }
}
