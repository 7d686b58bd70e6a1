package dev.navis.server;

import dev.navis.api.model.Workflow;
import dev.navis.store.LabelSelector;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes list options as Argo Server takes them: {@code listOptions.labelSelector},
 * {@code listOptions.fieldSelector} ({@code metadata.name}, {@code status.phase}, with
 * {@code =}, {@code ==} or {@code !=}) and {@code listOptions.limit}.
 */
record ListOptions(String labelSelector, String name, String notName, Set<String> phases,
    Set<String> notPhases, int limit) {

  static ListOptions of(Context ctx) {
    Fields fields = new Fields();
    String selector = ctx.queryParam("listOptions.fieldSelector");
    if (selector != null && !selector.isBlank()) {
      for (String term : selector.split(",")) {
        fields.add(term);
      }
    }
    return new ListOptions(blankToNull(ctx.queryParam("listOptions.labelSelector")),
        fields.name, fields.notName, fields.phases, fields.notPhases,
        parseLimit(ctx.queryParam("listOptions.limit")));
  }

  /** The field selector's terms, as they are read. */
  private static final class Fields {
    String name;
    String notName;
    final Set<String> phases = new LinkedHashSet<>();
    final Set<String> notPhases = new LinkedHashSet<>();

    void add(String term) {
      boolean negated = term.contains("!=");
      String[] pair = term.split("!=|==|=", 2);
      if (pair.length != 2) {
        throw ApiException.invalid("listOptions.fieldSelector: \"" + term
            + "\" is not FIELD=VALUE");
      }
      String value = pair[1].trim();
      switch (pair[0].trim()) {
        case "metadata.name" -> {
          if (negated) {
            notName = value;
          } else {
            name = value;
          }
        }
        case "status.phase" -> (negated ? notPhases : phases).add(value);
        default -> throw ApiException.invalid("listOptions.fieldSelector: field \""
            + pair[0].trim() + "\" is not supported; use metadata.name or status.phase");
      }
    }
  }

  private static int parseLimit(String limit) {
    if (limit == null || limit.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(limit.trim()));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("listOptions.limit: \"" + limit + "\" is not a number");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** The store query; the name and negated phases are filtered afterwards. */
  WorkflowQuery query(String namespace) {
    boolean filteredLater = name != null || notName != null || !notPhases.isEmpty();
    return new WorkflowQuery(namespace, phases, labelSelector, filteredLater ? 0 : limit);
  }

  boolean matchesName(StoredWorkflow workflow) {
    return (name == null || name.equals(workflow.name()))
        && (notName == null || !notName.equals(workflow.name()))
        && !notPhases.contains(workflow.phase());
  }

  /** For the watch stream, which filters workflows as they change. */
  boolean matches(Workflow workflow, String namespace) {
    var meta = workflow.metadata();
    String phase = workflow.status() != null ? workflow.status().phase() : null;
    return (namespace == null || namespace.equals(meta.namespace()))
        && (name == null || name.equals(meta.name()))
        && (notName == null || !notName.equals(meta.name()))
        && (phases.isEmpty() || phases.contains(phase)) && !notPhases.contains(phase)
        && (labelSelector == null || LabelSelector.parse(labelSelector)
            .matches(meta.labels() != null ? meta.labels() : Map.of()));
  }
}
