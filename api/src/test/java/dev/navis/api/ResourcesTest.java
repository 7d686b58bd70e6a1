package dev.navis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.api.SourcePositions.Position;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResourcesTest {

  private static final Path PARSE = Path.of("src/test/resources/parse");

  @Test
  void multiDocumentYamlKeepsArgoKindsAndSkipsOthers() {
    ParseResult result = Resources.read(PARSE.resolve("multi.yaml"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.resources()).extracting(ParsedResource::kind)
        .containsExactly("Workflow", "Sensor", "CronWorkflow");
    assertThat(result.resources()).extracting(ParsedResource::document)
        .containsExactly(1, 2, 3);
    assertThat(result.resources().get(1).resource())
        .isInstanceOf(dev.navis.api.model.events.Sensor.class);
    assertThat(result.resources().get(2).as(CronWorkflow.class).spec().allSchedules())
        .containsExactly("0 1 * * *");
  }

  @Test
  void positionsCountLinesOfTheWholeFile() {
    ParsedResource workflow = Resources.read(PARSE.resolve("multi.yaml")).resources().get(0);
    SourcePositions positions = workflow.positions();

    assertThat(workflow.as(Workflow.class).spec().entrypoint()).isEqualTo("main");
    assertThat(positions.of("")).isEqualTo(new Position(6, 1));
    assertThat(positions.of("spec.entrypoint")).isEqualTo(new Position(11, 3));
    assertThat(positions.of("spec.templates[0]")).isEqualTo(new Position(13, 5));
    assertThat(positions.of("spec.templates[0].steps[0][1].template"))
        .isEqualTo(new Position(18, 9));
    assertThat(positions.of("spec.templates[1].container.command[1]"))
        .isEqualTo(new Position(20, 49));
  }

  @Test
  void unknownPathFallsBackToNearestParent() {
    ParsedResource workflow = Resources.read(PARSE.resolve("multi.yaml")).resources().get(0);

    assertThat(workflow.positions().of("spec.templates[0].steps[0][1].nope"))
        .isEqualTo(new Position(17, 9));
    assertThat(workflow.positions().contains("spec.templates[0].steps[0][1].nope")).isFalse();
    assertThat(SourcePositions.none().of("spec")).isEqualTo(SourcePositions.UNKNOWN);
  }

  @Test
  void jsonFilesHavePositionsToo() {
    ParsedResource template = Resources.read(PARSE.resolve("template.json")).resources().get(0);

    assertThat(template.as(WorkflowTemplate.class).spec().templates()).hasSize(2);
    assertThat(template.positions().of("spec.templates[0].container.image"))
        .isEqualTo(new Position(7, 37));
    assertThat(template.positions().of("spec.templates[1].script.source"))
        .isEqualTo(new Position(10, 39));
  }

  @Test
  void malformedYamlIsAProblemAtTheParsersPosition() {
    ParseResult result = Resources.parse("bad.yaml", "kind: Workflow\n spec: x\n");

    assertThat(result.resources()).isEmpty();
    assertThat(result.problems()).extracting(Problem::format)
        .containsExactly("bad.yaml:2:6: malformed YAML: mapping values are not allowed here");
  }

  @Test
  void malformedJsonIsAProblemAtTheParsersPosition() {
    ParseResult result = Resources.parse("bad.json", "{\"kind\": [1,}");

    assertThat(result.problems()).extracting(Problem::format).containsExactly(
        "bad.json:1:13: malformed JSON: unexpected character ('}' (code 125)): expected a value");
  }

  @Test
  void documentsBeforeASyntaxErrorAreKept() {
    String text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n---\nkey: [\n";
    ParseResult result = Resources.parse("two.yaml", text);

    assertThat(result.resources()).hasSize(1);
    assertThat(result.problems()).hasSize(1);
    assertThat(result.problems().get(0).line()).isEqualTo(5);
  }

  @Test
  void valueOfTheWrongShapeIsAProblemAtItsField() {
    String text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        spec:
          templates:
          - name: {first: 1}
        """;
    ParseResult result = Resources.parse("shape.yaml", text);

    assertThat(result.problems()).extracting(Problem::format).containsExactly(
        "shape.yaml:5:5: spec.templates[0].name: expected a string, found an object");
    assertThat(result.resources()).singleElement()
        .satisfies(resource -> assertThat(resource.resource()).isNull());
  }

  @Test
  void duplicateFieldTakesTheLastValueAsArgoDoes() {
    String text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nkind: CronWorkflow\n";
    ParseResult result = Resources.parse("dup.yaml", text);

    assertThat(result.problems()).isEmpty();
    assertThat(result.resources().get(0).kind()).isEqualTo("CronWorkflow");
  }

  @Test
  void missingFileIsAProblem() {
    ParseResult result = Resources.read(PARSE.resolve("absent.yaml"));

    assertThat(result.problems()).extracting(Problem::message)
        .containsExactly("cannot read file: no such file");
    assertThat(result.problems().get(0).format())
        .endsWith("absent.yaml: cannot read file: no such file");
  }

  @Test
  void scalarsOfAnyTypeReadAsStrings() {
    String text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        spec:
          arguments:
            parameters:
            - {name: count, value: 3}
            - {name: flag, value: true}
        """;
    Workflow workflow = Resources.parse("s.yaml", text).resources().get(0).as(Workflow.class);

    assertThat(workflow.spec().arguments().parameters())
        .extracting(p -> p.value()).containsExactly("3", "true");
  }

  @Test
  void asAnotherTypeIsABug() {
    ParsedResource workflow = Resources.read(PARSE.resolve("multi.yaml")).resources().get(0);

    assertThatThrownBy(() -> workflow.as(CronWorkflow.class))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void quotedPathSegmentsForKeysThatAreNotWords() {
    assertThat(SourcePositions.child("metadata.labels", "app.kubernetes.io/name"))
        .isEqualTo("metadata.labels[\"app.kubernetes.io/name\"]");
    assertThat(PositionMap.parentOf("metadata.labels[\"a.b\"]")).isEqualTo("metadata.labels");
    assertThat(PositionMap.parentOf("spec.templates[2]")).isEqualTo("spec.templates");
    assertThat(PositionMap.parentOf("a[0][1].b")).isEqualTo("a[0][1]");
    assertThat(PositionMap.parentOf("spec")).isEmpty();
  }

  @Test
  void oddInputsGiveProblemsOrNothingButNeverThrow() {
    String[] texts = {"", "# only a comment\n", "---\n---\n", "just a string\n", "- a\n- b\n",
        "apiVersion: argoproj.io/v1alpha1\r\nkind: Workflow\r\nspec: {entrypoint: x}\r\n",
        "base: &b {image: alpine}\nuse: *b\n", "big: 123456789012345678901234567890\n",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: [1, 2]\n",
        "apiVersion: argoproj.io/v1alpha1\nkind: [Workflow]\n"};
    for (String text : texts) {
      ParseResult result = Resources.parse("odd.yaml", text);

      assertThat(result.problems()).as(text).allSatisfy(
          problem -> assertThat(problem.format()).startsWith("odd.yaml"));
    }
  }

  @Test
  void crlfLineEndsCountAsOneLine() {
    String text =
        "apiVersion: argoproj.io/v1alpha1\r\nkind: Workflow\r\nspec: {entrypoint: x}\r\n";
    ParsedResource resource = Resources.parse("crlf.yaml", text).resources().get(0);

    assertThat(resource.positions().of("spec.entrypoint")).isEqualTo(new Position(3, 8));
  }

  @Test
  void argoKindWithAWrongOrMissingApiVersionIsAProblem() {
    String text = "kind: Workflow\n---\napiVersion: argoproj.io/v1\nkind: CronWorkflow\n"
        + "---\napiVersion: example.com/v1\nkind: Workflow\n"
        + "---\napiVersion: argoproj.io/v1alpha1\n";
    ParseResult result = Resources.parse("versions.yaml", text);

    assertThat(result.resources()).extracting(ParsedResource::kind)
        .containsExactly("Workflow", "CronWorkflow", null);
    assertThat(result.problems()).extracting(Problem::format).containsExactly(
        "versions.yaml:1:1: apiVersion: expected argoproj.io/v1alpha1, found nothing",
        "versions.yaml:3:1: apiVersion: expected argoproj.io/v1alpha1,"
            + " found the string \"argoproj.io/v1\"",
        "versions.yaml:9:1: kind: expected the kind of an Argo resource, found nothing");
  }

  @Test
  void yamlAnchorsAliasesAndMergeKeysAreExpanded() {
    String text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          labels: &team {team: data}
          annotations: *team
        spec:
          entrypoint: &start main
          onExit: *start
          templates:
          - name: main
            container: &base {image: alpine, command: [echo]}
          - name: other
            container:
              <<: *base
              image: busybox
        """;
    ParseResult result = Resources.parse("anchors.yaml", text);
    Workflow workflow = result.resources().get(0).as(Workflow.class);

    assertThat(result.problems()).isEmpty();
    assertThat(workflow.metadata().annotations()).containsEntry("team", "data");
    assertThat(workflow.spec().onExit()).isEqualTo("main");
    assertThat(workflow.spec().templates().get(1).container().image()).isEqualTo("busybox");
    assertThat(workflow.spec().templates().get(1).container().command())
        .containsExactly("echo");
  }

  @Test
  void aliasWithoutAnchorIsAProblem() {
    String text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  onExit: *nowhere\n";

    assertThat(Resources.parse("alias.yaml", text).problems()).extracting(Problem::format)
        .containsExactly("alias.yaml:4:11: malformed YAML: alias \"*nowhere\" names no anchor"
            + " defined before it");
  }
}
