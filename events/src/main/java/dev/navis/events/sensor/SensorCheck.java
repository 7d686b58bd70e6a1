package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.ParseResult;
import dev.navis.api.Problem;
import dev.navis.api.Resources;
import dev.navis.api.model.events.AWSLambdaTrigger;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventDependency.Filters;
import dev.navis.api.model.events.EventDependency.Transform;
import dev.navis.api.model.events.KafkaTrigger;
import dev.navis.api.model.events.Sensor;
import dev.navis.api.model.events.Trigger;
import dev.navis.api.model.events.TriggerParameter;
import dev.navis.api.model.events.TriggerTemplate;
import dev.navis.engine.cron.CronSchedule;
import dev.navis.engine.cron.InvalidScheduleException;
import dev.navis.engine.lint.Linter;
import dev.navis.events.KafkaConnection;
import dev.navis.events.KafkaConnection.InvalidSettingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.luaj.vm2.LuaError;

/**
 * Checks a sensor before it runs, naming each problem by its field path: missing names,
 * duplicate dependencies, conditions that do not parse or name unknown dependencies, parameters
 * from unknown dependencies, triggers without an action, reset schedules that do not parse,
 * transforms and script filters whose jq program or Lua script does not compile.
 * Fields Argo Events accepts but ignores where they stand are warnings.
 */
public final class SensorCheck {

  private static final List<String> INVOCATION_TYPES =
      List.of("DryRun", "Event", "RequestResponse");

  private SensorCheck() {}

  /** One finding; an error refuses the sensor, a warning does not. */
  public record Finding(String path, String message, boolean warning) {}

  /** Every finding, in field order; none for a good sensor. */
  public static List<Finding> check(Sensor sensor) {
    List<Finding> findings = new ArrayList<>();
    if (sensor.metadata() == null || sensor.metadata().name() == null
        || sensor.metadata().name().isBlank()) {
      findings.add(error("metadata.name", "a sensor needs a name"));
    }
    if (sensor.spec() == null) {
      findings.add(error("spec", "a sensor needs a spec with dependencies and triggers"));
      return findings;
    }
    Set<String> names = checkDependencies(sensor.spec().dependencies(), findings);
    List<Trigger> triggers = sensor.spec().triggers();
    if (triggers == null || triggers.isEmpty()) {
      findings.add(error("spec.triggers", "a sensor needs at least one trigger"));
      return findings;
    }
    for (int i = 0; i < triggers.size(); i++) {
      checkTrigger(triggers.get(i), "spec.triggers[" + i + "]", names, findings);
    }
    return findings;
  }

  /** Only the errors. */
  public static List<Finding> errors(Sensor sensor) {
    return check(sensor).stream().filter(finding -> !finding.warning()).toList();
  }

  private static Set<String> checkDependencies(List<EventDependency> dependencies,
      List<Finding> findings) {
    Set<String> names = new LinkedHashSet<>();
    if (dependencies == null || dependencies.isEmpty()) {
      findings.add(error("spec.dependencies", "a sensor needs at least one dependency"));
      return names;
    }
    for (int i = 0; i < dependencies.size(); i++) {
      EventDependency dependency = dependencies.get(i);
      String path = "spec.dependencies[" + i + "]";
      required(findings, path + ".name", dependency.name());
      required(findings, path + ".eventSourceName", dependency.eventSourceName());
      required(findings, path + ".eventName", dependency.eventName());
      if (dependency.name() != null && !names.add(dependency.name())) {
        findings.add(error(path + ".name", "dependency '" + dependency.name()
            + "' is declared twice"));
      }
      checkTransform(dependency.transform(), path + ".transform", findings);
      checkScriptFilter(dependency.filters(), path + ".filters.script", findings);
    }
    return names;
  }

  private static void checkScriptFilter(Filters filters, String path, List<Finding> findings) {
    if (filters != null && filters.script() != null && !filters.script().isBlank()) {
      try {
        LuaTables.compile(filters.script(), "filter");
      } catch (LuaError e) {
        findings.add(error(path, "does not compile: " + e.getMessage()));
      }
    }
  }

  private static void checkTransform(Transform transform, String path,
      List<Finding> findings) {
    if (transform == null) {
      return;
    }
    DependencyTransform compiled = DependencyTransform.of(transform);
    if (compiled.problem() != null) {
      findings.add(error(path + "." + compiled.problemField(), compiled.problem()));
    }
    if (transform.jq() != null && !transform.jq().isBlank() && transform.script() != null
        && !transform.script().isBlank()) {
      findings.add(warning(path + ".script", "both jq and script are set: only jq runs"
          + " (set one of them)"));
    }
  }

  private static void checkTrigger(Trigger trigger, String path, Set<String> dependencies,
      List<Finding> findings) {
    TriggerTemplate template = trigger.template();
    if (template == null) {
      findings.add(error(path + ".template", "a trigger needs a template"));
      return;
    }
    required(findings, path + ".template.name", template.name());
    if (TriggerKinds.of(template).isEmpty()) {
      findings.add(error(path + ".template", "the template names no action (argoWorkflow,"
          + " http, log, k8s...)"));
    }
    checkConditions(template, path, dependencies, findings);
    checkParameters(trigger.parameters(), path + ".parameters", dependencies, findings);
    // Trigger-level parameters may rewrite the template's own (Argo's tutorial 02, sensor-05).
    boolean rewritten = trigger.parameters() != null && trigger.parameters().stream()
        .anyMatch(parameter -> String.valueOf(parameter.dest()).contains("parameters."));
    if (template.argoWorkflow() != null && !rewritten) {
      checkParameters(template.argoWorkflow().parameters(),
          path + ".template.argoWorkflow.parameters", dependencies, findings);
    }
    if (template.argoWorkflow() != null && template.argoWorkflow().source() != null) {
      var source = template.argoWorkflow().source();
      warnUnreadable(source.git(), source.s3(), path + ".template.argoWorkflow.source",
          findings);
      // Only a submit runs the resource as it stands; the other operations name a workflow.
      String operation = template.argoWorkflow().operation();
      if (operation == null || operation.equals("submit")) {
        boolean parameterized = rewritten || hasAny(template.argoWorkflow().parameters());
        lintEmbedded(source.resource(), path + ".template.argoWorkflow.source.resource",
            parameterized, findings);
      }
    }
    if (template.k8s() != null) {
      JsonNode source = template.k8s().path("source");
      warnUnreadable(source.get("git"), source.get("s3"), path + ".template.k8s.source",
          findings);
    }
    if (template.kafka() != null) {
      checkKafka(template.kafka(), path + ".template.kafka", dependencies, findings);
    }
    if (template.awsLambda() != null) {
      checkAwsLambda(template.awsLambda(), path + ".template.awsLambda", dependencies,
          findings);
    }
    if (template.policy() != null) {
      findings.add(warning(path + ".template.policy", "policy belongs to the trigger, not its"
          + " template; here it is ignored (move it up one level)"));
    }
    if (template.atLeastOnce() != null) {
      findings.add(warning(path + ".template.atLeastOnce", "atLeastOnce belongs to the trigger,"
          + " not its template; here it is ignored (move it up one level)"));
    }
    if (trigger.dlqTrigger() != null) {
      checkTrigger(trigger.dlqTrigger(), path + ".dlqTrigger", dependencies, findings);
    }
  }

  /**
   * Lints the workflow a trigger submits as {@code navis lint} would. Where event parameters
   * are written into it, what they fill in is unknown until an event comes, so its problems
   * are warnings; otherwise each would fail every trigger run, so they are errors.
   */
  private static void lintEmbedded(JsonNode resource, String path, boolean parameterized,
      List<Finding> findings) {
    if (resource == null || !resource.isObject()) {
      return;
    }
    ParseResult parsed = Resources.parse("resource.json", Codec.toJson(resource));
    List<Problem> problems = new ArrayList<>(parsed.problems());
    problems.addAll(Linter.lint(parsed.resources()));
    for (Problem problem : problems) {
      String field = problem.field().isEmpty() ? path : path + "." + problem.field();
      String text = problem.message().startsWith(problem.field() + ": ")
          ? problem.message().substring(problem.field().length() + 2) : problem.message();
      findings.add(parameterized ? warning(field, text + " (unless an event's parameter"
          + " fills it in)") : error(field, text));
    }
  }

  private static boolean hasAny(List<?> list) {
    return list != null && !list.isEmpty();
  }

  private static void warnUnreadable(JsonNode git, JsonNode s3, String path,
      List<Finding> findings) {
    if (git != null && !git.isNull()) {
      findings.add(warning(path + ".git", "not supported on this host, so this trigger fails"
          + " when it runs: use resource, inline, file, url or configmap"));
    }
    if (s3 != null && !s3.isNull()) {
      findings.add(warning(path + ".s3", "not supported on this host, so this trigger fails"
          + " when it runs: use resource, inline, file, url or configmap"));
    }
  }

  private static void checkKafka(KafkaTrigger kafka, String path, Set<String> dependencies,
      List<Finding> findings) {
    boolean rewritten = kafka.parameters() != null && !kafka.parameters().isEmpty();
    if (!rewritten) {
      try {
        KafkaConnection.bootstrapServers(path, kafka.url());
      } catch (InvalidSettingException e) {
        String reason = e.getMessage();
        findings.add(error(path + ".url", reason.substring(reason.indexOf(": ") + 2)));
      }
      required(findings, path + ".topic", kafka.topic());
    }
    if (kafka.requiredAcks() != null && !Set.of(-1, 0, 1).contains(kafka.requiredAcks())) {
      findings.add(error(path + ".requiredAcks", "expected 0, 1 or -1, found "
          + kafka.requiredAcks()));
    }
    if (kafka.sasl() != null && kafka.sasl().mechanism() != null && !KafkaConnection
        .saslMechanisms().contains(kafka.sasl().mechanism().strip().toUpperCase(Locale.ROOT))) {
      findings.add(error(path + ".sasl.mechanism", "expected one of "
          + KafkaConnection.saslMechanisms() + ", found '" + kafka.sasl().mechanism() + "'"));
    }
    if (kafka.schemaRegistry() != null) {
      findings.add(warning(path + ".schemaRegistry", "not supported: Avro encoding is not"
          + " done, so this trigger fails when it runs"));
    }
    checkParameters(kafka.parameters(), path + ".parameters", dependencies, findings);
    checkParameters(kafka.payload(), path + ".payload", dependencies, findings);
  }

  private static void checkAwsLambda(AWSLambdaTrigger lambda, String path,
      Set<String> dependencies, List<Finding> findings) {
    if (lambda.parameters() == null || lambda.parameters().isEmpty()) {
      required(findings, path + ".functionName", lambda.functionName());
      required(findings, path + ".region", lambda.region());
    }
    if (lambda.invocationType() != null
        && !INVOCATION_TYPES.contains(lambda.invocationType().strip())) {
      findings.add(error(path + ".invocationType", "expected one of " + INVOCATION_TYPES
          + ", found '" + lambda.invocationType() + "'"));
    }
    if ((lambda.accessKey() == null) != (lambda.secretKey() == null)) {
      findings.add(error(path + (lambda.accessKey() == null ? ".accessKey" : ".secretKey"),
          "accessKey and secretKey go together"));
    }
    checkParameters(lambda.parameters(), path + ".parameters", dependencies, findings);
    checkParameters(lambda.payload(), path + ".payload", dependencies, findings);
  }

  private static void checkConditions(TriggerTemplate template, String path,
      Set<String> dependencies, List<Finding> findings) {
    try {
      TriggerConditions conditions = TriggerConditions.parse(template.conditions(),
          dependencies);
      Set<String> unknown = new HashSet<>(conditions.dependencies());
      unknown.removeAll(dependencies);
      if (!unknown.isEmpty()) {
        findings.add(error(path + ".template.conditions", "conditions name unknown "
            + "dependencies " + unknown.stream().sorted().toList() + ", expected some of "
            + dependencies));
      }
    } catch (IllegalArgumentException e) {
      findings.add(error(path + ".template.conditions", e.getMessage()));
    }
    var resets = template.conditionsReset();
    for (int i = 0; resets != null && i < resets.size(); i++) {
      var byTime = resets.get(i).byTime();
      if (byTime != null) {
        try {
          CronSchedule.parse(byTime.cron(), byTime.timezone());
        } catch (InvalidScheduleException e) {
          findings.add(error(path + ".template.conditionsReset[" + i + "].byTime",
              e.getMessage()));
        }
      }
    }
  }

  private static void checkParameters(List<TriggerParameter> parameters, String path,
      Set<String> dependencies, List<Finding> findings) {
    for (int i = 0; parameters != null && i < parameters.size(); i++) {
      TriggerParameter parameter = parameters.get(i);
      String at = path + "[" + i + "]";
      required(findings, at + ".dest", parameter.dest());
      if (parameter.src() == null) {
        findings.add(error(at + ".src", "a parameter needs a src"));
      } else if (!dependencies.contains(parameter.src().dependencyName())
          && parameter.src().value() == null) {
        findings.add(error(at + ".src.dependencyName", "unknown dependency '"
            + parameter.src().dependencyName() + "', expected one of " + dependencies));
      }
    }
  }

  private static void required(List<Finding> findings, String path, String value) {
    if (value == null || value.isBlank()) {
      findings.add(error(path, "required"));
    }
  }

  private static Finding error(String path, String message) {
    return new Finding(path, message, false);
  }

  private static Finding warning(String path, String message) {
    return new Finding(path, message, true);
  }
}
