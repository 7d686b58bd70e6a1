package dev.navis.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Problem;
import dev.navis.api.Resources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad inputs give the exact {@code file:line:col: message} lines a user sees. */
class LinterTest {

  private static final Path LINT = Path.of("src/test/resources/lint");

  private static List<String> lint(String file) {
    LintReport report = Linter.lintPaths(List.of(LINT.resolve(file)));
    return report.problems().stream()
        .map(Problem::format)
        .map(line -> line.replace(LINT + "/", ""))
        .toList();
  }

  @Test
  void malformedYamlNamesTheParsersPosition() {
    assertThat(lint("malformed.yaml")).containsExactly(
        "malformed.yaml:11:6: malformed YAML: expected <block end>, but found"
            + " '<block mapping start>' (while parsing a block mapping at line 8)");
  }

  @Test
  void aResourceWithoutNameOrGenerateNameIsAProblem() {
    assertThat(lint("nameless.yaml")).containsExactly(
        "nameless.yaml:3:1: metadata: a Workflow needs metadata.name or metadata.generateName",
        "nameless.yaml:11:1: metadata: a WorkflowTemplate needs metadata.name or"
            + " metadata.generateName");
  }

  @Test
  void unknownFieldsAreAllReportedWithSuggestions() {
    assertThat(lint("unknown-field.yaml")).containsExactly(
        "unknown-field.yaml:5:3: unknown field \"metadata.lables\" (did you mean \"labels\"?)",
        "unknown-field.yaml:9:5: templates.main: expected exactly one of container, script,"
            + " steps, dag, suspend, containerSet, resource, http, data or plugin, found none",
        "unknown-field.yaml:10:5: unknown field \"spec.templates[0].contianer\""
            + " (did you mean \"container\"?)",
        "unknown-field.yaml:14:7: unknown field \"spec.templates[0].retryStrategy.backof\""
            + " (did you mean \"backoff\"?)");
  }

  @Test
  void unknownTemplatesInEveryPlaceThatCallsOne() {
    assertThat(lint("unknown-template.yaml")).containsExactly(
        "unknown-template.yaml:15:3: spec.entrypoint: template \"mian\" not found",
        "unknown-template.yaml:16:3: spec.onExit: template \"cleanup\" not found",
        "unknown-template.yaml:20:7: spec.hooks.running.template: template \"notify\" not found",
        "unknown-template.yaml:25:9: templates.main.steps[0][0].template:"
            + " template \"whalesay\" not found",
        "unknown-template.yaml:27:38: templates.main.steps[1][0].templateRef.template:"
            + " template \"prnt\" not found in WorkflowTemplate \"library\"",
        "unknown-template.yaml:34:9: templates.graph.dag.tasks[0].template:"
            + " template \"missing\" not found");
  }

  @Test
  void duplicateTemplateStepAndTaskNamesAndLoops() {
    assertThat(lint("duplicates.yaml")).containsExactly(
        "duplicates.yaml:12:9: templates.main.steps[1][0].name: duplicate step name \"a\","
            + " already used by templates.main.steps[0][0]",
        "duplicates.yaml:18:10: templates.graph.dag.tasks[1].name: duplicate task name \"x\","
            + " already used by templates.graph.dag.tasks[0]",
        "duplicates.yaml:21:5: templates.leaf.name: duplicate template name \"leaf\","
            + " already used by templates[2]",
        "duplicates.yaml:25:9: templates.loops.steps[0][0]: expected at most one of withItems,"
            + " withParam or withSequence, found withItems and withParam");
  }

  @Test
  void dagCycleBadDependsMixedDependenciesAndUnknownTask() {
    assertThat(lint("dag.yaml")).containsExactly(
        "dag.yaml:11:9: templates.graph.dag.tasks[0]: dependency cycle a -> c -> a",
        "dag.yaml:16:9: templates.graph.dag.tasks[1].depends: invalid depends 'a && (':"
            + " expected a task name at position 6, found the end",
        "dag.yaml:17:9: templates.graph.dag.tasks[2]: expected either depends or dependencies,"
            + " found both",
        "dag.yaml:23:9: templates.graph.dag.tasks[3].dependencies: task \"ghost\" not found");
  }

  @Test
  void missingInputsEnumViolationsAndUnknownInputReferences() {
    assertThat(lint("inputs.yaml")).containsExactly(
        "inputs.yaml:7:3: spec.arguments: parameter \"size\" required by entrypoint \"main\""
            + " was not supplied",
        "inputs.yaml:10:7: spec.arguments.parameters[0]: expected one of red, green,"
            + " found \"purple\"",
        "inputs.yaml:21:9: templates.main.steps[0][0].arguments: parameter \"message\""
            + " required by template \"print\" was not supplied",
        "inputs.yaml:21:9: templates.main.steps[0][0].arguments: artifact \"data\""
            + " required by template \"print\" was not supplied",
        "inputs.yaml:23:26: templates.main.steps[0][0].arguments.parameters.mode:"
            + " expected one of quiet, normal, found \"loud\"",
        "inputs.yaml:35:39: templates.print.container.args[0]: {{inputs.parameters.mesage}}:"
            + " template \"print\" has no input parameter \"mesage\""
            + " (did you mean \"message\"?)");
  }

  @Test
  void stepAndTaskReferencesNameStepsAndTasksOfTheTemplate() {
    assertThat(lint("references.yaml")).containsExactly(
        "references.yaml:13:9: templates.flow.steps[1][0].when: {{steps.generat}}:"
            + " template \"flow\" has no step \"generat\" (did you mean \"generate\"?)",
        "references.yaml:25:13: templates.graph.dag.tasks[1].arguments.parameters[0].value:"
            + " {{tasks.frist}}: template \"graph\" has no DAG task \"frist\""
            + " (did you mean \"first\"?)",
        "references.yaml:27:39: templates.leaf.container.args[0]: {{steps.generate}}:"
            + " template \"leaf\" has no step \"generate\"");
  }

  @Test
  void enumFieldsDurationsNamesAndTemplateKinds() {
    assertThat(lint("policies.yaml")).containsExactly(
        "policies.yaml:6:28: spec.schedules[1]: invalid cron schedule 'every day':"
            + " expected 5 fields (minute hour day-of-month month day-of-week), found 2",
        "policies.yaml:7:3: spec.concurrencyPolicy: expected one of Allow, Forbid, Replace,"
            + " found \"Sometimes\"",
        "policies.yaml:8:3: spec.timezone: expected an IANA time zone such as Europe/Paris,"
            + " found \"Mars/Olympus\"",
        "policies.yaml:12:7: spec.workflowSpec.podGC.strategy: expected one of OnPodCompletion,"
            + " OnPodSuccess, OnWorkflowCompletion, OnWorkflowSuccess, found \"OnPodFailure\"",
        "policies.yaml:16:9: templates.main.retryStrategy.retryPolicy: expected one of Always,"
            + " OnFailure, OnError, OnTransientError, found \"OnSunday\"",
        "policies.yaml:17:19: templates.main.retryStrategy.backoff.duration: expected"
            + " a duration such as 30s or 5m, or seconds, found \"soon\"",
        "policies.yaml:18:7: templates.main.timeout: expected a duration such as 30s or 5m,"
            + " found \"30\"",
        "policies.yaml:21:9: templates.main.container.imagePullPolicy: expected one of Always,"
            + " IfNotPresent, Never, found \"Sometimes\"",
        "policies.yaml:23:17: templates.pause.suspend.duration: expected a duration such as"
            + " 30s or 5m, or seconds, found \"5 minutes\"",
        "policies.yaml:24:7: templates.Bad_Name.name: invalid template name: expected letters,"
            + " digits and '-', starting with a letter or digit, found \"Bad_Name\"",
        "policies.yaml:26:11: templates.Bad_Name.steps[0][0].name: invalid step name:"
            + " expected letters, digits and '-', starting with a letter or digit,"
            + " found \"under_score\"",
        "policies.yaml:28:7: templates.empty: expected exactly one of container, script, steps,"
            + " dag, suspend, containerSet, resource, http, data or plugin, found none",
        "policies.yaml:29:7: templates.both: expected exactly one of container, script, steps,"
            + " dag, suspend, containerSet, resource, http, data or plugin,"
            + " found container and script",
        "policies.yaml:36:11: templates.declared.inputs.parameters[1].name:"
            + " duplicate parameter name \"x\"",
        "policies.yaml:37:11: templates.declared.inputs.parameters[2].name: expected a"
            + " parameter name of letters, digits, '-' and '_', found \"a b\"");
  }

  @Test
  void jsonFilesAreLintedWithPositions() {
    assertThat(lint("template.json")).containsExactly(
        "template.json:5:3: spec.entrypoint: expected the name of the template to run first,"
            + " found none",
        "template.json:7:57: unknown field \"spec.templates[0].container.imagePulPolicy\""
            + " (did you mean \"imagePullPolicy\"?)",
        "template.json:8:50: templates.call.steps[0][0].template: template \"mian\" not found");
  }

  @Test
  void foldersAreWalkedAndTemplateRefsResolveAcrossFiles() {
    Path folder = Path.of("src/test/resources/lint-folder");
    LintReport report = Linter.lintPaths(List.of(folder));

    assertThat(report.resources()).isEqualTo(2);
    assertThat(report.problems()).extracting(Problem::format).containsExactly(
        folder.resolve("nested/caller.yml") + ":10:9: templates.main.steps[0][0].arguments:"
            + " parameter \"who\" required by template \"greet\" was not supplied",
        folder.resolve("nested/caller.yml") + ":13:37: templates.main.steps[0][1]"
            + ".templateRef.template: template \"wave\" not found in ClusterWorkflowTemplate"
            + " \"shared\"");
  }

  @Test
  void missingPathIsAProblemNotAnException() {
    LintReport report = Linter.lintPaths(List.of(LINT.resolve("absent.yaml")));

    assertThat(report.resources()).isZero();
    assertThat(report.problems()).extracting(Problem::format)
        .containsExactly(LINT.resolve("absent.yaml") + ": no such file or folder");
  }

  @Test
  void lintTakesParsedResourcesDirectly() {
    String text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: inline-}
        spec:
          entrypoint: main
          templates:
          - name: main
            suspend: {}
        """;
    var parsed = Resources.parse("inline.yaml", text);

    assertThat(Linter.lint(parsed.resources())).isEmpty();
  }

  @Test
  void workflowOfAStoredTemplateNeedsNoEntrypointAndSkipsUnknownTemplates() {
    String text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: ref-}
        spec:
          workflowTemplateRef: {name: on-the-server}
          onExit: cleanup
        """;

    assertThat(Linter.lint(Resources.parse("ref.yaml", text).resources())).isEmpty();
  }

  @Test
  void timeoutOnlyOnLeafTemplates() {
    String text = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: t}
        spec:
          templates:
          - name: main
            timeout: 1m
            steps: []
        """;

    assertThat(Linter.lint(Resources.parse("t.yaml", text).resources()))
        .extracting(Problem::format).containsExactly("t.yaml:7:5: templates.main.timeout:"
            + " expected a timeout on a leaf template only, found one on a steps or dag template");
  }
}
