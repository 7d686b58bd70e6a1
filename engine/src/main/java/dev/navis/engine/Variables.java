package dev.navis.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Inputs;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables Argo defines, as flat maps: workflow-wide, per boundary, per template. */
final class Variables {

  /** The annotation holding the time a CronWorkflow scheduled the workflow for. */
  static final String SCHEDULED_TIME = "workflows.argoproj.io/scheduled-time";

  private final Reconciler reconciler;
  private final WorkflowRun run;
  private Map<String, String> globals;

  Variables(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  /** workflow.* variables; rebuilt when the workflow's outputs or phase change. */
  Map<String, String> globals() {
    if (globals == null) {
      globals = buildGlobals();
    }
    return globals;
  }

  void invalidate() {
    globals = null;
  }

  private Map<String, String> buildGlobals() {
    Map<String, String> vars = new HashMap<>();
    ObjectMeta meta = run.workflow.metadata();
    vars.put("workflow.name", meta.name());
    vars.put("workflow.namespace", run.namespace());
    putIfSet(vars, "workflow.uid", meta.uid());
    vars.put("workflow.serviceAccountName", serviceAccount());
    if (run.creationVars == null) {
      run.creationVars = creationVars(meta.creationTimestamp());
    }
    vars.putAll(run.creationVars);
    putAll(vars, "workflow.labels.", meta.labels());
    putAll(vars, "workflow.annotations.", meta.annotations());
    // As Argo, from the annotation a CronWorkflow puts on each workflow it starts.
    if (meta.annotations() != null) {
      putIfSet(vars, "workflow.scheduledTime", meta.annotations().get(SCHEDULED_TIME));
    }
    putParameters(vars);
    vars.put("workflow.mainEntrypoint", String.valueOf(run.spec.entrypoint()));
    vars.put("workflow.priority", String.valueOf(
        run.spec.priority() == null ? 0 : run.spec.priority()));
    vars.put("workflow.status", run.phase);
    Instant start = run.startedAt == null ? reconciler.now : run.startedAt;
    double seconds = Duration.between(start, reconciler.now).toMillis() / 1000.0;
    vars.put("workflow.duration", Double.toString(seconds));
    run.globalOutputs.forEach((k, v) -> vars.put("workflow.outputs.parameters." + k, v));
    run.globalArtifacts.forEach((k, v) ->
        vars.put("workflow.outputs.artifacts." + k, ArtifactResolver.reference(v)));
    vars.putAll(run.exitVars);
    return vars;
  }

  private String serviceAccount() {
    String account = run.spec.serviceAccountName();
    return account == null ? "default" : account;
  }

  private static Map<String, String> creationVars(Instant created) {
    Map<String, String> vars = new HashMap<>();
    if (created == null) {
      return vars;
    }
    ZonedDateTime time = created.atZone(ZoneOffset.UTC);
    String rfc3339 = DateTimeFormatter.ISO_INSTANT.format(created);
    vars.put("workflow.creationTimestamp", rfc3339);
    vars.put("workflow.creationTimestamp.RFC3339", rfc3339);
    vars.put("workflow.creationTimestamp.s", Long.toString(created.getEpochSecond()));
    vars.put("workflow.creationTimestamp.Y", String.format("%04d", time.getYear()));
    vars.put("workflow.creationTimestamp.m", String.format("%02d", time.getMonthValue()));
    vars.put("workflow.creationTimestamp.d", String.format("%02d", time.getDayOfMonth()));
    vars.put("workflow.creationTimestamp.H", String.format("%02d", time.getHour()));
    vars.put("workflow.creationTimestamp.M", String.format("%02d", time.getMinute()));
    vars.put("workflow.creationTimestamp.S", String.format("%02d", time.getSecond()));
    vars.put("workflow.creationTimestamp.y", String.format("%02d", time.getYear() % 100));
    vars.put("workflow.creationTimestamp.b",
        time.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.US));
    return vars;
  }

  private void putParameters(Map<String, String> vars) {
    List<Parameter> declared = run.spec.arguments() != null
        && run.spec.arguments().parameters() != null
        ? run.spec.arguments().parameters() : List.of();
    for (Parameter parameter : declared) {
      String value = parameter.value() != null ? parameter.value()
          : parameter.valueFrom() == null ? null : parameter.valueFrom().defaultValue();
      if (value != null) {
        vars.put("workflow.parameters." + parameter.name(), value);
      }
    }
    // Argo gives the whole list, as JSON, under both names (the second is the older one).
    String json = Codec.toJson(declared);
    vars.put("workflow.parameters", json);
    vars.putIfAbsent("workflow.parameters.json", json);
  }

  private static void putAll(Map<String, String> vars, String prefix, Map<String, String> map) {
    if (map == null) {
      return;
    }
    map.forEach((k, v) -> vars.put(prefix + k, v));
    // The whole map as JSON, under the bare name and, as Argo's variables page lists, .json.
    String json = Codec.toJson(map);
    vars.put(prefix.substring(0, prefix.length() - 1), json);
    vars.putIfAbsent(prefix + "json", json);
  }

  private static void putIfSet(Map<String, String> vars, String key, String value) {
    if (value != null) {
      vars.put(key, value);
    }
  }

  /** Variables for the body of a template run by {@code node}. */
  Map<String, String> forTemplate(Node node, List<Parameter> inputs, Integer retries) {
    Map<String, String> vars = new HashMap<>(globals());
    Map<String, String> all = new LinkedHashMap<>();
    for (Parameter input : inputs) {
      vars.put("inputs.parameters." + input.name(), input.value());
      all.put(input.name(), input.value());
    }
    vars.put("inputs.parameters", Codec.toJson(all.entrySet().stream()
        .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList()));
    putInputArtifacts(vars, node.inputs);
    putOutputPaths(vars, node.rawTemplate);
    vars.put("node.name", node.name);
    vars.put("pod.name", NodeIds.podName(run.name(), node.name, node.templateName));
    vars.put("retries", String.valueOf(retries == null ? 0 : retries));
    if (retries != null) {
      vars.putAll(RetryLogic.lastRetryVars(previousAttempt(node), reconciler.now));
    }
    if (node.call != null) {
      vars.put("steps.name", node.call.name());
      vars.put("tasks.name", node.call.name());
    }
    return vars;
  }

  /** The attempt that ran before {@code attempt} under the same Retry node, if any. */
  private Node previousAttempt(Node attempt) {
    Node retry = attempt.owner;
    if (retry == null || !Node.RETRY.equals(retry.type)) {
      return null;
    }
    int index = retry.children.indexOf(attempt.id);
    int previous = index < 0 ? retry.children.size() - 1 : index - 1;
    return previous < 0 ? null : run.nodes.get(retry.children.get(previous));
  }

  /** Variables for the steps or tasks of {@code boundary}, plus one loop item's. */
  Map<String, String> forCalls(Node boundary, Map<String, String> itemVars) {
    Map<String, String> inputs = new HashMap<>();
    if (boundary.inputs != null && boundary.inputs.parameters() != null) {
      for (Parameter input : boundary.inputs.parameters()) {
        inputs.put("inputs.parameters." + input.name(), input.value());
      }
    }
    putInputArtifacts(inputs, boundary.inputs);
    return new LayeredVars(List.of(globals(), inputs, boundary.scopeVars(),
        itemVars == null ? Map.of() : itemVars));
  }

  /**
   * Variables an argument's {@code from} or {@code fromExpression} may name: its boundary's,
   * and for an exit handler or hook also those of the step or task it is attached to.
   */
  Map<String, String> forArtifacts(Node node) {
    Node of = node.exitFor != null ? node.exitFor : node;
    Node boundary = boundaryOf(of);
    Map<String, String> scope = boundary == null ? globals() : forCalls(boundary, null);
    if (node.exitFor == null || boundary == null || of.call == null) {
      return scope;
    }
    Map<String, String> own = new HashMap<>();
    String prefix = (Node.DAG.equals(boundary.type) ? "tasks." : "steps.") + of.call.name();
    putNodeVars(own, prefix, of);
    return new LayeredVars(List.of(scope, own));
  }

  /** {@code outputs.artifacts.x.path} and {@code outputs.parameters.x.path}. */
  private static void putOutputPaths(Map<String, String> vars, Template template) {
    if (template == null || template.outputs() == null) {
      return;
    }
    Outputs outputs = template.outputs();
    if (outputs.artifacts() != null) {
      for (Artifact artifact : outputs.artifacts()) {
        if (artifact.path() != null) {
          vars.put("outputs.artifacts." + artifact.name() + ".path", artifact.path());
        }
      }
    }
    if (outputs.parameters() != null) {
      for (Parameter parameter : outputs.parameters()) {
        if (parameter.valueFrom() != null && parameter.valueFrom().path() != null) {
          vars.put("outputs.parameters." + parameter.name() + ".path",
              parameter.valueFrom().path());
        }
      }
    }
  }

  private static void putInputArtifacts(Map<String, String> vars, Inputs inputs) {
    if (inputs == null || inputs.artifacts() == null) {
      return;
    }
    for (Artifact artifact : inputs.artifacts()) {
      String prefix = "inputs.artifacts." + artifact.name();
      vars.put(prefix, ArtifactResolver.reference(artifact));
      if (artifact.path() != null) {
        vars.put(prefix + ".path", artifact.path());
      }
    }
  }

  /** The boundary (Steps or DAG node) whose scope holds a node's step or task variables. */
  static Node boundaryOf(Node node) {
    Node owner = node.owner;
    if (owner != null && Node.STEP_GROUP.equals(owner.type)) {
      return owner.owner;
    }
    return owner != null && Node.DAG.equals(owner.type) ? owner : null;
  }

  /** Puts steps.X.* or tasks.X.* of an ended step or task into its boundary's scope. */
  void registerScope(Node node) {
    Node boundary = boundaryOf(node);
    if (boundary == null || node.call == null || node.loopItem) {
      return;
    }
    String prefix = (Node.DAG.equals(boundary.type) ? "tasks." : "steps.") + node.call.name();
    putNodeVars(boundary.scopeVars(), prefix, node);
  }

  static void putNodeVars(Map<String, String> scope, String prefix, Node node) {
    scope.put(prefix + ".id", node.id);
    scope.put(prefix + ".status", node.phase);
    scope.put(prefix + ".ip", "127.0.0.1");
    putTime(scope, prefix + ".startedAt", node.startedAt);
    putTime(scope, prefix + ".finishedAt", node.finishedAt);
    if (node.aggregated != null) {
      node.aggregated.forEach((suffix, value) -> scope.put(prefix + suffix, value));
      return;
    }
    Outputs outputs = node.outputs;
    if (outputs == null) {
      return;
    }
    if (outputs.result() != null) {
      scope.put(prefix + ".outputs.result", outputs.result());
    }
    if (outputs.exitCode() != null) {
      scope.put(prefix + ".exitCode", outputs.exitCode());
      scope.put(prefix + ".outputs.exitCode", outputs.exitCode());
    }
    if (outputs.parameters() != null) {
      for (Parameter parameter : outputs.parameters()) {
        scope.put(prefix + ".outputs.parameters." + parameter.name(), parameter.value());
      }
    }
    if (outputs.artifacts() != null) {
      for (Artifact artifact : outputs.artifacts()) {
        scope.put(prefix + ".outputs.artifacts." + artifact.name(),
            ArtifactResolver.reference(artifact));
      }
    }
  }

  private static void putTime(Map<String, String> scope, String key, Instant time) {
    if (time != null) {
      scope.put(key, DateTimeFormatter.ISO_INSTANT.format(time));
    }
  }

  /** Argo's aggregation of a loop's outputs: lists of results and of parameter maps. */
  static Map<String, String> aggregate(List<Node> items) {
    List<Object> results = new ArrayList<>();
    List<Map<String, String>> parameterMaps = new ArrayList<>();
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Node item : items) {
      Outputs outputs = item.outputs;
      if (outputs == null) {
        continue;
      }
      if (outputs.result() != null) {
        results.add(jsonOrText(outputs.result()));
      }
      if (outputs.parameters() != null && !outputs.parameters().isEmpty()) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Parameter parameter : outputs.parameters()) {
          map.put(parameter.name(), parameter.value());
          byName.computeIfAbsent(parameter.name(), k -> new ArrayList<>()).add(parameter.value());
        }
        parameterMaps.add(map);
      }
    }
    Map<String, String> aggregated = new HashMap<>();
    aggregated.put(".outputs.result", Codec.toJson(results));
    aggregated.put(".outputs.parameters", Codec.toJson(parameterMaps));
    byName.forEach((name, values) ->
        aggregated.put(".outputs.parameters." + name, Codec.toJson(values)));
    return aggregated;
  }

  private static Object jsonOrText(String text) {
    try {
      JsonNode parsed = Codec.json().readTree(text);
      return parsed == null || parsed.isMissingNode() ? text : parsed;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return text;
    }
  }

  /** Exports an ended node's output parameters that carry a globalName. */
  void exportGlobals(Node node) {
    exportGlobalArtifacts(node);
    Template template = node.template;
    if (node.outputs == null || node.outputs.parameters() == null || template == null
        || template.outputs() == null || template.outputs().parameters() == null) {
      return;
    }
    for (Parameter declared : template.outputs().parameters()) {
      if (declared.globalName() == null) {
        continue;
      }
      for (Parameter produced : node.outputs.parameters()) {
        if (produced.name().equals(declared.name()) && produced.value() != null) {
          run.globalOutputs.put(declared.globalName(), produced.value());
          invalidate();
        }
      }
    }
  }

  private void exportGlobalArtifacts(Node node) {
    Template template = node.template;
    if (node.outputs == null || node.outputs.artifacts() == null || template == null
        || template.outputs() == null || template.outputs().artifacts() == null) {
      return;
    }
    for (Artifact declared : template.outputs().artifacts()) {
      if (declared.globalName() == null) {
        continue;
      }
      for (Artifact produced : node.outputs.artifacts()) {
        if (produced.name().equals(declared.name())) {
          run.globalArtifacts.put(declared.globalName(), produced);
          invalidate();
        }
      }
    }
  }

  /** workflow.failures as Argo prints it: the failed and errored pods, as a JSON list. */
  String failures() {
    List<Map<String, String>> failures = new ArrayList<>();
    for (Node node : run.nodes.values()) {
      if (Phases.unsuccessful(node.phase) && Node.POD.equals(node.type)) {
        Map<String, String> failure = new LinkedHashMap<>();
        failure.put("displayName", node.displayName);
        failure.put("message", node.message == null ? "" : node.message);
        failure.put("templateName", node.templateName == null ? "" : node.templateName);
        failure.put("phase", node.phase);
        failure.put("podName", NodeIds.podName(run.name(), node.name, node.templateName));
        failure.put("finishedAt", node.finishedAt == null ? ""
            : DateTimeFormatter.ISO_INSTANT.format(node.finishedAt));
        failures.add(failure);
      }
    }
    return Codec.toJson(failures);
  }
}
