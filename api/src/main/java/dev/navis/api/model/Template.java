package dev.navis.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One template of a workflow: exactly one of container, script, steps, dag, suspend,
 * containerSet, resource, http, data or plugin says what it does.
 */
public record Template(
    String name,
    Inputs inputs,
    Outputs outputs,
    TemplateMetadata metadata,
    Container container,
    Script script,
    List<List<WorkflowStep>> steps,
    DagTemplate dag,
    SuspendTemplate suspend,
    ContainerSetTemplate containerSet,
    JsonNode resource,
    HttpTemplate http,
    JsonNode data,
    JsonNode plugin,
    Boolean daemon,
    RetryStrategy retryStrategy,
    String activeDeadlineSeconds,
    String timeout,
    Long parallelism,
    Boolean failFast,
    Synchronization synchronization,
    Memoize memoize,
    Integer priority,
    Boolean archiveLocationLogs,
    JsonNode archiveLocation,
    JsonNode metrics,
    List<Container> initContainers,
    List<Container> sidecars,
    JsonNode volumes,
    JsonNode nodeSelector,
    JsonNode affinity,
    JsonNode tolerations,
    JsonNode securityContext,
    String serviceAccountName,
    Boolean automountServiceAccountToken,
    String podSpecPatch,
    String priorityClassName,
    String schedulerName,
    JsonNode hostAliases,
    JsonNode executor,
    Map<String, String> annotations,
    JsonNode podResources,
    JsonNode resourceClaims) {

  /** The old shape, before the pod-level resource fields; kept so existing callers compile. */
  public Template(String name, Inputs inputs, Outputs outputs, TemplateMetadata metadata,
      Container container, Script script, List<List<WorkflowStep>> steps, DagTemplate dag,
      SuspendTemplate suspend, ContainerSetTemplate containerSet, JsonNode resource,
      HttpTemplate http, JsonNode data, JsonNode plugin, Boolean daemon,
      RetryStrategy retryStrategy, String activeDeadlineSeconds, String timeout,
      Long parallelism, Boolean failFast, Synchronization synchronization, Memoize memoize,
      Integer priority, Boolean archiveLocationLogs, JsonNode archiveLocation, JsonNode metrics,
      List<Container> initContainers, List<Container> sidecars, JsonNode volumes,
      JsonNode nodeSelector, JsonNode affinity, JsonNode tolerations, JsonNode securityContext,
      String serviceAccountName, Boolean automountServiceAccountToken, String podSpecPatch,
      String priorityClassName, String schedulerName, JsonNode hostAliases, JsonNode executor,
      Map<String, String> annotations) {
    this(name, inputs, outputs, metadata, container, script, steps, dag, suspend, containerSet,
        resource, http, data, plugin, daemon, retryStrategy, activeDeadlineSeconds, timeout,
        parallelism, failFast, synchronization, memoize, priority, archiveLocationLogs,
        archiveLocation, metrics, initContainers, sidecars, volumes, nodeSelector, affinity,
        tolerations, securityContext, serviceAccountName, automountServiceAccountToken,
        podSpecPatch, priorityClassName, schedulerName, hostAliases, executor, annotations,
        null, null);
  }

  /** The kind of work a template describes. */
  public enum Type {
    CONTAINER, SCRIPT, STEPS, DAG, SUSPEND, CONTAINER_SET, RESOURCE, HTTP, DATA, PLUGIN, NONE
  }

  @JsonIgnore
  public Type type() {
    if (container != null) {
      return Type.CONTAINER;
    }
    if (script != null) {
      return Type.SCRIPT;
    }
    if (steps != null) {
      return Type.STEPS;
    }
    if (dag != null) {
      return Type.DAG;
    }
    if (suspend != null) {
      return Type.SUSPEND;
    }
    if (containerSet != null) {
      return Type.CONTAINER_SET;
    }
    if (resource != null) {
      return Type.RESOURCE;
    }
    if (http != null) {
      return Type.HTTP;
    }
    if (data != null) {
      return Type.DATA;
    }
    return plugin != null ? Type.PLUGIN : Type.NONE;
  }
}
