package dev.navis.engine.lint;

import dev.navis.api.model.Arguments;
import dev.navis.api.model.Template;
import dev.navis.api.model.TemplateRef;

/**
 * A place that runs a template: a step, a task, a hook or an exit handler. {@code field} is how
 * messages name it, {@code path} where it stands in the tree. For an exit handler the field
 * itself is the template's name ({@code onExit: cleanup}), so {@code bareName} is true.
 */
record TemplateCall(
    String field,
    String path,
    String template,
    TemplateRef templateRef,
    Template inline,
    Arguments arguments,
    boolean bareName) {

  TemplateCall(String field, String path, String template, TemplateRef templateRef,
      Template inline, Arguments arguments) {
    this(field, path, template, templateRef, inline, arguments, false);
  }

  /** A call by name alone, such as {@code onExit} or {@code entrypoint}. */
  static TemplateCall byName(String field, String path, String template) {
    return new TemplateCall(field, path, template, null, null, null, true);
  }

  String nameField() {
    return bareName ? field : field + ".template";
  }

  String namePath() {
    return bareName ? path : path + ".template";
  }
}
