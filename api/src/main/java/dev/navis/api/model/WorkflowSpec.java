package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The spec of a Workflow (also of WorkflowTemplate and of CronWorkflow's workflowSpec). Fields
 * typed {@link JsonNode} are Kubernetes-only: accepted so Argo's YAML parses unchanged, read by
 * the Kubernetes executor, ignored on a host.
 */
public record WorkflowSpec(
    String entrypoint,
    Arguments arguments,
    List<Template> templates,
    String onExit,
    Map<String, LifecycleHook> hooks,
    Long parallelism,
    String activeDeadlineSeconds,
    Template templateDefaults,
    Synchronization synchronization,
    WorkflowTemplateRef workflowTemplateRef,
    Boolean suspend,
    String shutdown,
    Integer priority,
    Boolean archiveLogs,
    RetryStrategy retryStrategy,
    JsonNode metrics,
    ObjectMeta workflowMetadata,
    ObjectMeta podMetadata,
    JsonNode ttlStrategy,
    JsonNode podGC,
    JsonNode artifactGC,
    JsonNode volumeClaimGC,
    JsonNode artifactRepositoryRef,
    String serviceAccountName,
    Boolean automountServiceAccountToken,
    JsonNode executor,
    JsonNode volumes,
    JsonNode volumeClaimTemplates,
    JsonNode nodeSelector,
    JsonNode affinity,
    JsonNode tolerations,
    JsonNode imagePullSecrets,
    Boolean hostNetwork,
    String dnsPolicy,
    JsonNode dnsConfig,
    JsonNode securityContext,
    String podPriorityClassName,
    Integer podPriority,
    JsonNode hostAliases,
    String podSpecPatch,
    JsonNode podDisruptionBudget,
    String schedulerName,
    JsonNode resourceClaims,
    JsonNode podResources,
    JsonNode executorPlugins) {

  /** The old shape, before {@code executorPlugins}; kept so existing callers compile. */
  public WorkflowSpec(String entrypoint, Arguments arguments, List<Template> templates,
      String onExit, Map<String, LifecycleHook> hooks, Long parallelism,
      String activeDeadlineSeconds, Template templateDefaults, Synchronization synchronization,
      WorkflowTemplateRef workflowTemplateRef, Boolean suspend, String shutdown, Integer priority,
      Boolean archiveLogs, RetryStrategy retryStrategy, JsonNode metrics,
      ObjectMeta workflowMetadata, ObjectMeta podMetadata, JsonNode ttlStrategy, JsonNode podGC,
      JsonNode artifactGC, JsonNode volumeClaimGC, JsonNode artifactRepositoryRef,
      String serviceAccountName, Boolean automountServiceAccountToken, JsonNode executor,
      JsonNode volumes, JsonNode volumeClaimTemplates, JsonNode nodeSelector, JsonNode affinity,
      JsonNode tolerations, JsonNode imagePullSecrets, Boolean hostNetwork, String dnsPolicy,
      JsonNode dnsConfig, JsonNode securityContext, String podPriorityClassName,
      Integer podPriority, JsonNode hostAliases, String podSpecPatch, JsonNode podDisruptionBudget,
      String schedulerName, JsonNode resourceClaims, JsonNode podResources) {
    this(entrypoint, arguments, templates, onExit, hooks, parallelism,
        activeDeadlineSeconds, templateDefaults, synchronization, workflowTemplateRef, suspend,
        shutdown, priority, archiveLogs, retryStrategy, metrics, workflowMetadata, podMetadata,
        ttlStrategy, podGC, artifactGC, volumeClaimGC, artifactRepositoryRef, serviceAccountName,
        automountServiceAccountToken, executor, volumes, volumeClaimTemplates, nodeSelector,
        affinity, tolerations, imagePullSecrets, hostNetwork, dnsPolicy, dnsConfig,
        securityContext, podPriorityClassName, podPriority, hostAliases, podSpecPatch,
        podDisruptionBudget, schedulerName, resourceClaims, podResources, null);
  }

  /** The template named {@code name}, or null. */
  public Template template(String name) {
    if (templates == null || name == null) {
      return null;
    }
    for (Template template : templates) {
      if (name.equals(template.name())) {
        return template;
      }
    }
    return null;
  }
}
