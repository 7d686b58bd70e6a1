package dev.navis.engine.lint;

import dev.navis.api.ParsedResource;
import dev.navis.api.model.TemplateRef;
import dev.navis.api.model.WorkflowTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WorkflowTemplates and ClusterWorkflowTemplates among the linted files, by name. A
 * reference to one that is not here is not an error: offline, it may exist on the server.
 */
final class Catalog {

  private final Map<String, WorkflowTemplate> namespaced = new HashMap<>();
  private final Map<String, WorkflowTemplate> clusterScoped = new HashMap<>();

  Catalog(List<ParsedResource> resources) {
    for (ParsedResource resource : resources) {
      if (resource.resource() instanceof WorkflowTemplate template
          && template.metadata() != null && template.metadata().name() != null) {
        Map<String, WorkflowTemplate> scope =
            template.clusterScoped() ? clusterScoped : namespaced;
        scope.putIfAbsent(template.metadata().name(), template);
      }
    }
  }

  /** The template a {@code templateRef} names, or null when it is not among the files. */
  WorkflowTemplate find(String name, Boolean clusterScope) {
    Map<String, WorkflowTemplate> scope =
        Boolean.TRUE.equals(clusterScope) ? clusterScoped : namespaced;
    return scope.get(name);
  }

  WorkflowTemplate find(TemplateRef ref) {
    return ref.name() == null ? null : find(ref.name(), ref.clusterScope());
  }

  static String kindOf(Boolean clusterScope) {
    return Boolean.TRUE.equals(clusterScope)
        ? WorkflowTemplate.CLUSTER_KIND
        : WorkflowTemplate.KIND;
  }
}
