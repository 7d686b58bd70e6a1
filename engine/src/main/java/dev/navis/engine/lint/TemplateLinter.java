package dev.navis.engine.lint;

import dev.navis.api.model.Artifact;
import dev.navis.api.model.Container;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.RetryStrategy;
import dev.navis.api.model.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one template: what kind of work it is, its durations, policies and its body. */
final class TemplateLinter {

  static final List<String> RETRY_POLICIES =
      List.of("Always", "OnFailure", "OnError", "OnTransientError");
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

  private TemplateLinter() {}

  static void lintTemplate(Scope scope, Template template, String field, String path) {
    lintKind(scope, template, field, path);
    lintParameterNames(scope, template, field, path);
    lintTimeout(scope, template, field, path);
    if (template.suspend() != null) {
      lintDuration(scope, field + ".suspend.duration", path + ".suspend.duration",
          template.suspend().duration(), true);
    }
    lintRetryStrategy(scope, template.retryStrategy(), field + ".retryStrategy",
        path + ".retryStrategy");
    lintPullPolicies(scope, template, field, path);
    if (template.steps() != null) {
      StepsLinter.lintSteps(scope, template, field, path);
    }
    if (template.dag() != null) {
      DagLinter.lintDag(scope, template, field, path);
    }
  }

  private static void lintKind(Scope scope, Template template, String field, String path) {
    List<String> kinds = kindsOf(template);
    if (kinds.size() == 1) {
      return;
    }
    String found = kinds.isEmpty() ? "none" : String.join(" and ", kinds);
    scope.report(field, path, "expected exactly one of container, script, steps, dag, suspend, "
        + "containerSet, resource, http, data or plugin, found " + found);
  }

  private static List<String> kindsOf(Template template) {
    Map<String, Object> bodies = new LinkedHashMap<>();
    bodies.put("container", template.container());
    bodies.put("script", template.script());
    bodies.put("steps", template.steps());
    bodies.put("dag", template.dag());
    bodies.put("suspend", template.suspend());
    bodies.put("containerSet", template.containerSet());
    bodies.put("resource", template.resource());
    bodies.put("http", template.http());
    bodies.put("data", template.data());
    bodies.put("plugin", template.plugin());
    List<String> kinds = new ArrayList<>();
    bodies.forEach((kind, body) -> {
      if (body != null) {
        kinds.add(kind);
      }
    });
    return kinds;
  }

  private static void lintParameterNames(
      Scope scope, Template template, String field, String path) {
    if (template.inputs() != null) {
      lintDeclared(scope, template.inputs().parameters(), template.inputs().artifacts(),
          field + ".inputs", path + ".inputs");
    }
    if (template.outputs() != null) {
      lintDeclared(scope, template.outputs().parameters(), template.outputs().artifacts(),
          field + ".outputs", path + ".outputs");
    }
  }

  /** Parameters and artifacts declared in one place: valid names, each used once. */
  static void lintDeclared(Scope scope, List<Parameter> parameters, List<Artifact> artifacts,
      String field, String path) {
    lintNames(scope, CallLinter.list(parameters).stream().map(Parameter::name).toList(),
        "parameter", field + ".parameters", path + ".parameters");
    lintNames(scope, CallLinter.list(artifacts).stream().map(Artifact::name).toList(),
        "artifact", field + ".artifacts", path + ".artifacts");
  }

  private static void lintNames(
      Scope scope, List<String> names, String what, String field, String path) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String at = path + "[" + i + "].name";
      if (name == null || !Values.validParameterName(name)) {
        scope.report(field + "[" + i + "].name", at,
            "expected a " + what + " name of letters, digits, '-' and '_', found "
                + (name == null ? "none" : "\"" + name + "\""));
      } else if (!seen.add(name)) {
        scope.report(field + "[" + i + "].name", at,
            "duplicate " + what + " name \"" + name + "\"");
      }
    }
  }

  private static void lintTimeout(Scope scope, Template template, String field, String path) {
    boolean leaf = template.steps() == null && template.dag() == null;
    if (template.timeout() != null && !leaf) {
      scope.report(field + ".timeout", path + ".timeout",
          "expected a timeout on a leaf template only, found one on a steps or dag template");
    }
    lintDuration(scope, field + ".timeout", path + ".timeout", template.timeout(), false);
  }

  /** {@code orSeconds}: whether a bare number of seconds is also accepted. */
  static void lintDuration(
      Scope scope, String field, String path, String value, boolean orSeconds) {
    if (value == null || Values.templated(value)) {
      return;
    }
    boolean valid = orSeconds ? Values.durationOrSeconds(value) : Values.goDuration(value);
    if (!valid) {
      String expected = orSeconds ? "a duration such as 30s or 5m, or seconds"
          : "a duration such as 30s or 5m";
      scope.report(field, path, "expected " + expected + ", found \"" + value + "\"");
    }
  }

  static void lintRetryStrategy(Scope scope, RetryStrategy retry, String field, String path) {
    if (retry == null) {
      return;
    }
    lintEnum(scope, field + ".retryPolicy", path + ".retryPolicy", retry.retryPolicy(),
        RETRY_POLICIES);
    if (retry.backoff() != null) {
      RetryStrategy.Backoff backoff = retry.backoff();
      lintDuration(scope, field + ".backoff.duration", path + ".backoff.duration",
          backoff.duration(), true);
      lintDuration(scope, field + ".backoff.maxDuration", path + ".backoff.maxDuration",
          backoff.maxDuration(), true);
      lintDuration(scope, field + ".backoff.cap", path + ".backoff.cap", backoff.cap(), true);
    }
  }

  static void lintEnum(
      Scope scope, String field, String path, String value, List<String> allowed) {
    if (value != null && !Values.templated(value) && !allowed.contains(value)) {
      scope.report(field, path,
          "expected " + Values.oneOf(allowed) + ", found \"" + value + "\"");
    }
  }

  private static void lintPullPolicies(
      Scope scope, Template template, String field, String path) {
    if (template.container() != null) {
      lintPullPolicy(scope, template.container().imagePullPolicy(), field + ".container",
          path + ".container");
    }
    if (template.script() != null) {
      lintPullPolicy(scope, template.script().imagePullPolicy(), field + ".script",
          path + ".script");
    }
    lintContainers(scope, template.initContainers(), field + ".initContainers",
        path + ".initContainers");
    lintContainers(scope, template.sidecars(), field + ".sidecars", path + ".sidecars");
    if (template.containerSet() != null) {
      lintContainers(scope, template.containerSet().containers(),
          field + ".containerSet.containers", path + ".containerSet.containers");
    }
  }

  private static void lintContainers(
      Scope scope, List<Container> containers, String field, String path) {
    List<Container> all = CallLinter.list(containers);
    for (int i = 0; i < all.size(); i++) {
      lintPullPolicy(scope, all.get(i).imagePullPolicy(), field + "[" + i + "]",
          path + "[" + i + "]");
    }
  }

  private static void lintPullPolicy(Scope scope, String policy, String field, String path) {
    lintEnum(scope, field + ".imagePullPolicy", path + ".imagePullPolicy", policy,
        PULL_POLICIES);
  }
}
