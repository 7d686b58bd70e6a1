package dev.navis.controller.templates;

import dev.navis.api.model.WorkflowTemplate;
import dev.navis.engine.EnginePorts;
import dev.navis.store.ResourceStore;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's {@link EnginePorts.TemplateSource} read from the store, so a {@code templateRef}
 * or {@code workflowTemplateRef} sees a template as soon as it is created or updated.
 */
// TODO: Argo snapshots a referenced template into status.storedTemplates at first use, so an
// update does not change a running workflow; here every resolve reads the current version.
public final class StoredTemplateSource implements EnginePorts.TemplateSource {

  private final Supplier<ResourceStore> store;

  /** @param store asked on each lookup, so a store that keeps no templates fails only then */
  public StoredTemplateSource(Supplier<ResourceStore> store) {
    this.store = store;
  }

  @Override
  public Optional<WorkflowTemplate> workflowTemplate(String namespace, String name) {
    return new WorkflowTemplates(store.get()).get(false, namespace, name);
  }

  @Override
  public Optional<WorkflowTemplate> clusterWorkflowTemplate(String name) {
    return new WorkflowTemplates(store.get()).get(true, null, name);
  }
}
