package dev.navis.controller.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.CronWorkflow;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.ResourceStore;
import dev.navis.store.StoredResource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** CronWorkflows in the store, as typed records with their status. */
public final class CronWorkflows {

  private final ResourceStore store;

  public CronWorkflows(ResourceStore store) {
    this.store = store;
  }

  /**
   * Stores a new CronWorkflow in its own namespace, else {@code defaultNamespace}.
   *
   * @throws dev.navis.store.NameConflictException when the name is taken
   */
  public CronWorkflow create(CronWorkflow cron, String defaultNamespace) {
    StoredResource stored = store.create(CronWorkflow.KIND, namespaceOf(cron, defaultNamespace),
        Codec.json().valueToTree(cron));
    return read(stored, Optional.empty());
  }

  /**
   * Replaces the spec of a stored CronWorkflow; its status stays.
   *
   * @throws ResourceNotFoundException when none has its name
   */
  public CronWorkflow update(CronWorkflow cron, String defaultNamespace) {
    String namespace = namespaceOf(cron, defaultNamespace);
    StoredResource stored = store.update(CronWorkflow.KIND, namespace,
        Codec.json().valueToTree(cron));
    return read(stored, store.status(CronWorkflow.KIND, namespace, stored.name()));
  }

  /** A CronWorkflow with its status. */
  public Optional<CronWorkflow> get(String namespace, String name) {
    return store.get(CronWorkflow.KIND, namespace, name)
        .map(stored -> read(stored, store.status(CronWorkflow.KIND, namespace, name)));
  }

  /** @param namespace null for all namespaces */
  public List<CronWorkflow> list(String namespace, String labelSelector) {
    return store.list(CronWorkflow.KIND, namespace, labelSelector).stream()
        .map(stored -> read(stored,
            store.status(CronWorkflow.KIND, stored.namespace(), stored.name())))
        .toList();
  }

  public boolean delete(String namespace, String name) {
    return store.delete(CronWorkflow.KIND, namespace, name);
  }

  /**
   * Sets {@code spec.suspend}, as {@code cron suspend} and {@code cron resume} do.
   *
   * @throws ResourceNotFoundException when there is no such CronWorkflow
   */
  public CronWorkflow setSuspended(String namespace, String name, boolean suspended) {
    StoredResource stored = store.get(CronWorkflow.KIND, namespace, name)
        .orElseThrow(() -> new ResourceNotFoundException(CronWorkflow.KIND, namespace, name));
    ObjectNode body = stored.body().deepCopy();
    body.withObjectProperty("spec").put("suspend", suspended);
    StoredResource updated = store.update(CronWorkflow.KIND, namespace, body);
    return read(updated, store.status(CronWorkflow.KIND, namespace, name));
  }

  /** The scheduler's status of a CronWorkflow; empty before its first decision. */
  public Optional<CronStatus> status(String namespace, String name, Instant createdAt) {
    return store.status(CronWorkflow.KIND, namespace, name)
        .map(json -> CronStatus.fromJson(json, createdAt));
  }

  /** Saves the scheduler's status; false when the CronWorkflow was deleted meanwhile. */
  public boolean saveStatus(String namespace, String name, CronStatus status) {
    return store.saveStatus(CronWorkflow.KIND, namespace, name, status.toJson(namespace));
  }

  private static String namespaceOf(CronWorkflow cron, String defaultNamespace) {
    String own = cron.metadata() == null ? null : cron.metadata().namespace();
    return own != null ? own : defaultNamespace;
  }

  private static CronWorkflow read(StoredResource stored, Optional<JsonNode> status) {
    ObjectNode body = stored.body().deepCopy();
    status.ifPresent(json -> body.set("status", json));
    return Codec.json().convertValue(body, CronWorkflow.class);
  }
}
