package dev.navis.engine.lint;

import dev.navis.api.model.Arguments;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowTemplate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a call of a template: that the template exists, and that the arguments give every
 * input the template requires, with values its enums allow.
 */
final class CallLinter {

  private CallLinter() {}

  static void lintCall(Scope scope, TemplateCall call) {
    Template target = resolve(scope, call);
    // A call by name alone passes no arguments: the entrypoint takes the workflow's, checked
    // apart, and an exit handler reads workflow variables.
    if (target != null && !call.bareName()) {
      lintArguments(scope, call, target);
    }
  }

  /** The template the call runs, or null when it is unknown (reported) or not judgeable. */
  private static Template resolve(Scope scope, TemplateCall call) {
    if (call.inline() != null) {
      TemplateLinter.lintTemplate(scope, call.inline(), call.field() + ".inline",
          call.path() + ".inline");
      return call.inline();
    }
    if (call.template() != null) {
      return resolveLocal(scope, call);
    }
    if (call.templateRef() != null) {
      return resolveReference(scope, call);
    }
    scope.report(call.field(), call.path(),
        "expected template, templateRef or inline, found none");
    return null;
  }

  private static Template resolveLocal(Scope scope, TemplateCall call) {
    Template target = scope.template(call.template());
    boolean judgeable = scope.templatesKnown() && !Values.templated(call.template());
    if (target == null && judgeable) {
      scope.report(call.nameField(), call.namePath(),
          "template \"" + call.template() + "\" not found");
    }
    return target;
  }

  private static Template resolveReference(Scope scope, TemplateCall call) {
    WorkflowTemplate referenced = scope.catalog.find(call.templateRef());
    String name = call.templateRef().template();
    if (referenced == null || referenced.spec() == null || Values.templated(name)) {
      return null;
    }
    Template target = referenced.spec().template(name);
    if (target == null) {
      scope.report(call.field() + ".templateRef.template", call.path() + ".templateRef.template",
          "template \"" + name + "\" not found in "
              + Catalog.kindOf(call.templateRef().clusterScope()) + " \""
              + call.templateRef().name() + "\"");
    }
    return target;
  }

  private static void lintArguments(Scope scope, TemplateCall call, Template target) {
    if (target.inputs() == null) {
      return;
    }
    Arguments arguments = call.arguments();
    Map<String, Integer> given = parameterIndexes(arguments);
    String argumentsField = call.field() + ".arguments";
    String argumentsPath = call.path() + ".arguments";
    for (Parameter input : list(target.inputs().parameters())) {
      Integer index = given.get(input.name());
      if (index == null && requiresValue(input)) {
        scope.report(argumentsField, argumentsPath, "parameter \"" + input.name()
            + "\" required by template \"" + target.name() + "\" was not supplied");
      } else if (index != null) {
        Parameter argument = arguments.parameters().get(index);
        String path = argumentsPath + ".parameters[" + index + "]";
        lintEnum(scope, argumentsField + ".parameters." + input.name(), path, argument, input);
      }
    }
    lintArtifacts(scope, call, target);
  }

  private static void lintArtifacts(Scope scope, TemplateCall call, Template target) {
    Set<String> given = new HashSet<>();
    if (call.arguments() != null) {
      list(call.arguments().artifacts()).forEach(artifact -> given.add(artifact.name()));
    }
    for (Artifact input : list(target.inputs().artifacts())) {
      if (!given.contains(input.name()) && requiresValue(input)) {
        scope.report(call.field() + ".arguments", call.path() + ".arguments",
            "artifact \"" + input.name() + "\" required by template \"" + target.name()
                + "\" was not supplied");
      }
    }
  }

  /** Checks a given value against the enum its input (or itself) declares. */
  static void lintEnum(Scope scope, String field, String path, Parameter given, Parameter input) {
    List<String> allowed = input.enumValues();
    String value = given.value();
    if (allowed == null || allowed.isEmpty() || value == null || Values.templated(value)) {
      return;
    }
    if (!allowed.contains(value)) {
      scope.report(field, path + ".value",
          "expected " + Values.oneOf(allowed) + ", found \"" + value + "\"");
    }
  }

  static boolean requiresValue(Parameter input) {
    return input.value() == null && input.defaultValue() == null && input.valueFrom() == null;
  }

  /** An input artifact needs an argument unless it is optional or names its own source. */
  static boolean requiresValue(Artifact input) {
    if (Boolean.TRUE.equals(input.optional())) {
      return false;
    }
    Object[] sources = {input.from(), input.fromExpression(), input.raw(), input.http(),
        input.s3(), input.git(), input.gcs(), input.oss(), input.azure(), input.hdfs(),
        input.artifactory(), input.plugin(), input.key()};
    for (Object source : sources) {
      if (source != null) {
        return false;
      }
    }
    return true;
  }

  /** Argument parameter names to their index; the first wins when a name repeats. */
  static Map<String, Integer> parameterIndexes(Arguments arguments) {
    Map<String, Integer> indexes = new HashMap<>();
    if (arguments != null) {
      List<Parameter> parameters = list(arguments.parameters());
      for (int i = 0; i < parameters.size(); i++) {
        indexes.putIfAbsent(parameters.get(i).name(), i);
      }
    }
    return indexes;
  }

  static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
