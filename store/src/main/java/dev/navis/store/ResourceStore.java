package dev.navis.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where Navis keeps the resources that are not workflows but make them: WorkflowTemplates,
 * ClusterWorkflowTemplates and CronWorkflows, each by kind, namespace (empty for cluster-scoped
 * kinds) and name.
 *
 * <p>The status of a resource (a CronWorkflow's last run and active workflows) is kept apart
 * from the resource, so that a user's update of the spec and the scheduler's update of the
 * status never overwrite each other. Every method is its own transaction and is durable when it
 * returns; implementations are safe for many threads and processes.
 */
public interface ResourceStore {

  /**
   * Stores a new resource from its {@code body}; kind, namespace, name and labels are taken from
   * it, uid and times are given. Returns the resource as stored, resourceVersion and generation
   * 1.
   *
   * @throws NameConflictException when that kind, namespace and name is taken
   */
  StoredResource create(String kind, String namespace, JsonNode body);

  Optional<StoredResource> get(String kind, String namespace, String name);

  /**
   * Resources of one kind, by name.
   *
   * @param namespace one namespace, or null for all
   * @param labelSelector a Kubernetes label selector, or null for all
   * @throws IllegalArgumentException when the selector is malformed
   */
  List<StoredResource> list(String kind, String namespace, String labelSelector);

  /**
   * Replaces a resource with {@code body}, keeping its uid and creation time; raises the
   * resourceVersion, and the generation when the spec changed. A body that carries
   * {@code metadata.resourceVersion} replaces only that version.
   *
   * @throws ResourceNotFoundException when there is none to replace
   * @throws StaleResourceException when the given resourceVersion is no longer the stored one
   */
  StoredResource update(String kind, String namespace, JsonNode body);

  /** Deletes a resource with its status; false when there was none. */
  boolean delete(String kind, String namespace, String name);

  /** The status last saved for a resource; empty when none was or the resource is gone. */
  Optional<JsonNode> status(String kind, String namespace, String name);

  /**
   * Saves the status of a stored resource, replacing the previous one.
   *
   * @return false when the resource is gone (deleted meanwhile); nothing is saved then
   */
  boolean saveStatus(String kind, String namespace, String name, JsonNode status);
}
