package dev.navis.events.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.ArgoWorkflowTrigger;
import dev.navis.api.model.events.ArgoWorkflowTrigger.ArtifactSource;
import dev.navis.api.model.events.TriggerParameter;
import dev.navis.events.ConfigMaps;
import dev.navis.events.Event;
import dev.navis.events.sensor.TriggerParameters;
import dev.navis.events.sensor.TriggerParameters.ParameterException;
import dev.navis.events.trigger.TriggerSourceReader.Read;
import dev.navis.events.trigger.WorkflowOperations.Operation;
import dev.navis.events.trigger.WorkflowOperations.WorkflowOperationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code argoWorkflow} trigger: submits the workflow its {@code source} holds or names
 * (resource, inline, file, url or configmap: {@link TriggerSourceReader}) with the trigger's
 * parameters applied, or acts on the workflow it names (resubmit, retry, resume,
 * suspend, terminate, stop). Every workflow it starts carries labels naming the sensor, the
 * trigger and the event that fired it, and an annotation with the ids of all its events.
 */
public final class ArgoWorkflowTriggerAction implements TriggerAction {

  public static final String SENSOR_LABEL = "events.argoproj.io/sensor";
  public static final String TRIGGER_LABEL = "events.argoproj.io/trigger";
  public static final String EVENT_ID_LABEL = "navis.dev/event-id";
  public static final String EVENT_IDS_ANNOTATION = "navis.dev/event-ids";

  private final WorkflowOperations workflows;
  private final TriggerSourceReader sources;

  /** An action that reads no ConfigMaps; every other source works. */
  public ArgoWorkflowTriggerAction(WorkflowOperations workflows) {
    this(workflows, new TriggerSourceReader(ConfigMaps.none(),
        TriggerSourceReader.DEFAULT_TIMEOUT));
  }

  public ArgoWorkflowTriggerAction(WorkflowOperations workflows, TriggerSourceReader sources) {
    this.workflows = workflows;
    this.sources = sources;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    ArgoWorkflowTrigger trigger = request.template().argoWorkflow();
    Read read = read(trigger.source(), request);
    if (!read.succeeded()) {
      return TriggerOutcome.failed("argoWorkflow: " + read.failure());
    }
    String operation = trigger.operation() == null || trigger.operation().isEmpty() ? "submit"
        : trigger.operation();
    return execute(operation, read.resource(), trigger.parameters(), request);
  }

  /** Reads the object {@code source} names ({@link TriggerSourceReader}). */
  Read read(ArtifactSource source, TriggerRequest request) {
    return sources.read(source, request.namespace());
  }

  /**
   * Applies {@code parameters} to {@code resource}, labels it, and does {@code operation}
   * with it; the {@code k8s} trigger shares this for Argo Workflows it creates.
   */
  TriggerOutcome execute(String operation, JsonNode resource, List<TriggerParameter> parameters,
      TriggerRequest request) {
    ObjectNode labelled;
    try {
      JsonNode applied = TriggerParameters.apply(resource, parameters, request.events());
      labelled = labelled((ObjectNode) applied, request);
    } catch (ParameterException | ClassCastException e) {
      return TriggerOutcome.failed("argoWorkflow: " + e.getMessage());
    }
    try {
      return operate(operation, labelled, request);
    } catch (WorkflowOperationException e) {
      return TriggerOutcome.failed("argoWorkflow " + operation + ": " + e.getMessage());
    }
  }

  private TriggerOutcome operate(String operation, ObjectNode resource, TriggerRequest request) {
    String namespace = text(resource.path("metadata").path("namespace"), request.namespace());
    String name = text(resource.path("metadata").path("name"), null);
    switch (operation) {
      case "submit" -> {
        return submit(resource);
      }
      case "submit-from" -> {
        String kind = text(resource.path("kind"), "WorkflowTemplate");
        String created = workflows.submitFrom(kind, namespace, name, labels(resource));
        return TriggerOutcome.succeeded("submitted workflow " + created + " from " + kind
            + "/" + name);
      }
      case "resubmit", "retry", "resume", "suspend", "terminate", "stop" -> {
        if (name == null) {
          return TriggerOutcome.failed("argoWorkflow " + operation
              + ": the resource names no workflow (metadata.name)");
        }
        workflows.act(Operation.valueOf(operation.toUpperCase(Locale.ROOT)), namespace, name);
        return TriggerOutcome.succeeded(operation + " workflow " + name);
      }
      default -> {
        return TriggerOutcome.failed("argoWorkflow: unknown operation '" + operation
            + "', expected submit, submit-from, resubmit, retry, resume, suspend, terminate"
            + " or stop");
      }
    }
  }

  private TriggerOutcome submit(ObjectNode resource) {
    Workflow workflow;
    try {
      workflow = Codec.json().treeToValue(resource, Workflow.class);
    } catch (JsonProcessingException e) {
      return TriggerOutcome.failed("argoWorkflow: the resource is not a workflow: "
          + e.getOriginalMessage());
    }
    String name = workflows.submit(workflow);
    return TriggerOutcome.succeeded("submitted workflow " + name);
  }

  private static ObjectNode labelled(ObjectNode resource, TriggerRequest request) {
    ObjectNode metadata = resource.has("metadata") && resource.get("metadata").isObject()
        ? (ObjectNode) resource.get("metadata") : resource.putObject("metadata");
    if (!metadata.path("namespace").isTextual() || metadata.path("namespace").asText().isEmpty()) {
      metadata.put("namespace", request.namespace()); // the sensor's, as in Argo Events
    }
    ObjectNode labels = metadata.has("labels") && metadata.get("labels").isObject()
        ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    labels.put(SENSOR_LABEL, request.sensor());
    labels.put(TRIGGER_LABEL, request.triggerName());
    labels.put(EVENT_ID_LABEL, request.triggeringEvent().id());

    ObjectNode annotations = metadata.has("annotations") && metadata.get("annotations")
        .isObject() ? (ObjectNode) metadata.get("annotations")
        : metadata.putObject("annotations");
    annotations.put(EVENT_IDS_ANNOTATION, request.events().values().stream().map(Event::id)
        .distinct().collect(Collectors.joining(",")));
    return resource;
  }

  private static Map<String, String> labels(ObjectNode resource) {
    Map<String, String> labels = new LinkedHashMap<>();
    resource.path("metadata").path("labels").properties()
        .forEach(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
    return labels;
  }

  private static String text(JsonNode node, String fallback) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : fallback;
  }
}
