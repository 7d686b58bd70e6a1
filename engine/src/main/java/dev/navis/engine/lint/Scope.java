package dev.navis.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowSpec;
import dev.navis.api.model.WorkflowTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow spec being linted: where it stands in its resource, the templates its names may
 * refer to, and where problems go. Problems name fields Argo's way
 * ({@code templates.main.steps[1][0].template}) but are placed by the index path of the tree.
 */
final class Scope {

  final ParsedResource resource;
  /** The spec; null only when it is missing, in which case nothing but reports is used. */
  final WorkflowSpec spec;
  final String specPath;
  final Catalog catalog;
  private final List<Problem> problems;
  private final Map<String, Template> templates = new HashMap<>();
  private final boolean templatesKnown;

  Scope(ParsedResource resource, WorkflowSpec spec, String specPath, Catalog catalog,
      List<Problem> problems) {
    this.resource = resource;
    this.spec = spec;
    this.specPath = specPath;
    this.catalog = catalog;
    this.problems = problems;
    this.templatesKnown = collectTemplates();
  }

  /** The spec's tree, or a missing node when there is none. */
  JsonNode specNode() {
    JsonNode node = resource.tree();
    for (String segment : specPath.split("\\.")) {
      node = node.path(segment);
    }
    return node;
  }

  /** The template a plain {@code template: name} means here, or null. */
  Template template(String name) {
    return templates.get(name);
  }

  /**
   * Whether every template this spec may call is known: false when it borrows its templates
   * from a WorkflowTemplate that is not among the linted files.
   */
  boolean templatesKnown() {
    return templatesKnown;
  }

  void report(String field, String lookupPath, String text) {
    problems.add(Problem.at(resource.file(), resource.positions(), field, lookupPath, text));
  }

  /** A problem about a field whose displayed name is its tree path. */
  void report(String path, String text) {
    report(path, path, text);
  }

  private boolean collectTemplates() {
    if (spec == null) {
      return true;
    }
    boolean known = true;
    if (spec.workflowTemplateRef() != null && spec.workflowTemplateRef().name() != null) {
      WorkflowTemplate borrowed = catalog.find(
          spec.workflowTemplateRef().name(), spec.workflowTemplateRef().clusterScope());
      if (borrowed != null && borrowed.spec() != null && borrowed.spec().templates() != null) {
        borrowed.spec().templates().forEach(t -> templates.putIfAbsent(t.name(), t));
      } else {
        known = false;
      }
    }
    if (spec.templates() != null) {
      spec.templates().forEach(t -> templates.put(t.name(), t));
    }
    return known;
  }
}
