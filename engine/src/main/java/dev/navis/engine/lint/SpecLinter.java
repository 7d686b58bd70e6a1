package dev.navis.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a workflow spec: its entrypoint, exit handler, hooks, templates and arguments. */
final class SpecLinter {

  static final List<String> POD_GC_STRATEGIES = List.of("OnPodCompletion", "OnPodSuccess",
      "OnWorkflowCompletion", "OnWorkflowSuccess");
  static final List<String> ARTIFACT_GC_STRATEGIES =
      List.of("OnWorkflowCompletion", "OnWorkflowDeletion", "Never");
  static final List<String> SHUTDOWN_STRATEGIES = List.of("Terminate", "Stop");

  private SpecLinter() {}

  /**
   * {@code runnable}: whether the spec is run as it stands (Workflow, CronWorkflow), so it
   * needs an entrypoint and values for its entrypoint's inputs; a WorkflowTemplate gets those
   * from whoever submits it.
   */
  static void lintSpec(Scope scope, boolean runnable) {
    WorkflowSpec spec = scope.spec;
    lintTemplates(scope);
    lintEntrypoint(scope, runnable);
    if (spec.onExit() != null) {
      CallLinter.lintCall(scope, TemplateCall.byName(scope.specPath + ".onExit",
          scope.specPath + ".onExit", spec.onExit()));
    }
    StepsLinter.lintHooks(scope, spec.hooks(), scope.specPath, scope.specPath);
    lintArguments(scope);
    lintPolicies(scope);
  }

  private static void lintTemplates(Scope scope) {
    List<Template> templates = CallLinter.list(scope.spec.templates());
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < templates.size(); i++) {
      Template template = templates.get(i);
      String path = scope.specPath + ".templates[" + i + "]";
      String field = template.name() == null ? "templates[" + i + "]"
          : "templates." + template.name();
      lintTemplateName(scope, template.name(), field, path, seen);
      TemplateLinter.lintTemplate(scope, template, field, path);
      JsonNode node = scope.specNode().path("templates").path(i);
      References.lintReferences(scope, template, node, field, path);
    }
  }

  private static void lintTemplateName(Scope scope, String name, String field, String path,
      Map<String, String> seen) {
    if (name == null || name.isEmpty()) {
      scope.report(field + ".name", path + ".name", "expected a template name, found none");
      return;
    }
    String invalid = Values.invalidFieldName(name);
    if (invalid != null) {
      scope.report(field + ".name", path + ".name", "invalid template name: " + invalid);
    }
    String earlier = seen.putIfAbsent(name, path);
    if (earlier != null) {
      scope.report(field + ".name", path + ".name", "duplicate template name \"" + name
          + "\", already used by " + earlier.substring(scope.specPath.length() + 1));
    }
  }

  private static void lintEntrypoint(Scope scope, boolean runnable) {
    String entrypoint = scope.spec.entrypoint();
    String path = scope.specPath + ".entrypoint";
    boolean borrowed = scope.spec.workflowTemplateRef() != null;
    if (entrypoint == null || entrypoint.isEmpty()) {
      if (runnable && !borrowed) {
        scope.report(path, "expected the name of the template to run first, found none");
      }
      return;
    }
    CallLinter.lintCall(scope, TemplateCall.byName(path, path, entrypoint));
    Template template = scope.template(entrypoint);
    if (runnable && template != null && template.inputs() != null) {
      lintEntrypointInputs(scope, template);
    }
  }

  private static void lintEntrypointInputs(Scope scope, Template entrypoint) {
    String path = scope.specPath + ".arguments";
    var given = CallLinter.parameterIndexes(scope.spec.arguments());
    for (Parameter input : CallLinter.list(entrypoint.inputs().parameters())) {
      Integer index = given.get(input.name());
      if (index == null && CallLinter.requiresValue(input)) {
        scope.report(path, "parameter \"" + input.name() + "\" required by entrypoint \""
            + entrypoint.name() + "\" was not supplied");
      } else if (index != null) {
        Parameter argument = scope.spec.arguments().parameters().get(index);
        String argumentPath = path + ".parameters[" + index + "]";
        CallLinter.lintEnum(scope, argumentPath, argumentPath, argument, input);
      }
    }
  }

  /** Workflow arguments: named well, once each, with values their own enums allow. */
  private static void lintArguments(Scope scope) {
    if (scope.spec.arguments() == null) {
      return;
    }
    TemplateLinter.lintDeclared(scope, scope.spec.arguments().parameters(),
        scope.spec.arguments().artifacts(), scope.specPath + ".arguments",
        scope.specPath + ".arguments");
    List<Parameter> parameters = CallLinter.list(scope.spec.arguments().parameters());
    for (int i = 0; i < parameters.size(); i++) {
      String path = scope.specPath + ".arguments.parameters[" + i + "]";
      CallLinter.lintEnum(scope, path, path, parameters.get(i), parameters.get(i));
    }
  }

  private static void lintPolicies(Scope scope) {
    WorkflowSpec spec = scope.spec;
    String base = scope.specPath;
    lintStrategy(scope, spec.podGC(), base + ".podGC.strategy", POD_GC_STRATEGIES);
    lintStrategy(scope, spec.artifactGC(), base + ".artifactGC.strategy",
        ARTIFACT_GC_STRATEGIES);
    TemplateLinter.lintEnum(scope, base + ".shutdown", base + ".shutdown", spec.shutdown(),
        SHUTDOWN_STRATEGIES);
    TemplateLinter.lintRetryStrategy(scope, spec.retryStrategy(), base + ".retryStrategy",
        base + ".retryStrategy");
  }

  private static void lintStrategy(
      Scope scope, JsonNode holder, String path, List<String> allowed) {
    JsonNode strategy = holder == null ? null : holder.get("strategy");
    if (strategy != null && strategy.isTextual() && !strategy.asText().isEmpty()) {
      TemplateLinter.lintEnum(scope, path, path, strategy.asText(), allowed);
    }
  }
}
