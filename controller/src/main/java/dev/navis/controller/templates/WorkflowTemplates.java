package dev.navis.controller.templates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.store.ResourceStore;
import dev.navis.store.StoredResource;
import java.util.List;
import java.util.Optional;

/**
 * WorkflowTemplates and ClusterWorkflowTemplates in the store, as typed records. A template's
 * {@code kind} says its scope: a ClusterWorkflowTemplate has no namespace.
 */
public final class WorkflowTemplates {

  private final ResourceStore store;

  public WorkflowTemplates(ResourceStore store) {
    this.store = store;
  }

  /**
   * Stores a new template in its own namespace, else {@code defaultNamespace}.
   *
   * @throws dev.navis.store.NameConflictException when the name is taken
   */
  public WorkflowTemplate create(WorkflowTemplate template, String defaultNamespace) {
    return read(store.create(kindOf(template), scopeOf(template, defaultNamespace),
        tree(template)));
  }

  /**
   * Replaces a stored template with {@code template}.
   *
   * @throws dev.navis.store.ResourceNotFoundException when none has its name
   */
  public WorkflowTemplate update(WorkflowTemplate template, String defaultNamespace) {
    return read(store.update(kindOf(template), scopeOf(template, defaultNamespace),
        tree(template)));
  }

  /** @param namespace ignored for cluster templates */
  public Optional<WorkflowTemplate> get(boolean cluster, String namespace, String name) {
    return store.get(kind(cluster), cluster ? null : namespace, name).map(WorkflowTemplates::read);
  }

  /** @param namespace null for all namespaces; ignored for cluster templates */
  public List<WorkflowTemplate> list(boolean cluster, String namespace, String labelSelector) {
    return store.list(kind(cluster), cluster ? null : namespace, labelSelector).stream()
        .map(WorkflowTemplates::read)
        .toList();
  }

  public boolean delete(boolean cluster, String namespace, String name) {
    return store.delete(kind(cluster), cluster ? null : namespace, name);
  }

  public static String kind(boolean cluster) {
    return cluster ? WorkflowTemplate.CLUSTER_KIND : WorkflowTemplate.KIND;
  }

  private static String kindOf(WorkflowTemplate template) {
    return kind(template.clusterScoped());
  }

  private static String scopeOf(WorkflowTemplate template, String defaultNamespace) {
    if (template.clusterScoped()) {
      return null;
    }
    String own = template.metadata() == null ? null : template.metadata().namespace();
    return own != null ? own : defaultNamespace;
  }

  private static JsonNode tree(WorkflowTemplate template) {
    return Codec.json().valueToTree(template);
  }

  private static WorkflowTemplate read(StoredResource stored) {
    return Codec.json().convertValue(stored.body(), WorkflowTemplate.class);
  }
}
