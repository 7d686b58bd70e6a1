package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code template}, {@code cluster-template}, {@code cron} and {@code submit --from}. */
class TemplateCliTest {

  @TempDir Path home;

  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void useFreshHome() {
    System.setProperty("NAVIS_HOME", home.toString());
    System.setProperty("NAVIS_BACKGROUND", "off");
  }

  @AfterEach
  void forgetHome() {
    System.clearProperty("NAVIS_HOME");
    System.clearProperty("NAVIS_BACKGROUND");
  }

  private int navis(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static String file(String name) {
    return Path.of("src/test/resources/templates", name).toString();
  }

  private JsonNode json() throws Exception {
    return Codec.json().readTree(out.toString());
  }

  @Test
  void templateCreateGetListUpdateDelete() throws Exception {
    assertThat(navis("template", "create", file("greeter.yaml"), "-o", "name")).isZero();
    assertThat(out.toString().strip()).isEqualTo("greeter");

    assertThat(navis("template", "get", "greeter", "-o", "json")).isZero();
    assertThat(json().at("/metadata/resourceVersion").asText()).isEqualTo("1");
    assertThat(json().at("/spec/templates/0/name").asText()).isEqualTo("greet");
    assertThat(navis("template", "list", "-l", "team=docs")).isZero();
    assertThat(out.toString()).contains("NAME").contains("greeter");
    assertThat(navis("template", "list", "-l", "team=web", "-o", "name")).isZero();
    assertThat(out.toString()).isBlank();

    assertThat(navis("template", "update", file("greeter-v2.yaml"), "-o", "json")).isZero();
    assertThat(json().at("/metadata/resourceVersion").asText()).isEqualTo("2");
    assertThat(json().at("/spec/templates/0/container/command/1").asText()).isEqualTo("v2");

    assertThat(navis("template", "delete", "greeter")).isZero();
    assertThat(out.toString()).contains("WorkflowTemplate 'greeter' deleted");
    assertThat(navis("template", "get", "greeter")).isEqualTo(1);
    assertThat(err.toString()).contains("WorkflowTemplate \"greeter\" not found");
  }

  @Test
  void creatingATakenNameOrTheWrongKindIsRefused() {
    assertThat(navis("template", "create", file("greeter.yaml"))).isZero();

    assertThat(navis("template", "create", file("greeter.yaml"))).isEqualTo(1);
    assertThat(err.toString()).contains("already exists").contains("use update");
    assertThat(navis("template", "create", file("shared.yaml"))).isEqualTo(1);
    assertThat(err.toString()).contains("expected a WorkflowTemplate, found "
        + "ClusterWorkflowTemplate");
    assertThat(navis("template", "update", file("shared.yaml"))).isEqualTo(1);
  }

  @Test
  void lintAndCreateReportProblemsWithTheirPlace() {
    assertThat(navis("template", "lint", file("broken-template.yaml"))).isEqualTo(1);
    assertThat(out.toString()).containsPattern("broken-template.yaml:\\d+:\\d+: .*missing");

    assertThat(navis("template", "create", file("broken-template.yaml"))).isEqualTo(1);
    assertThat(err.toString()).containsPattern("broken-template.yaml:\\d+:\\d+: ");
    assertThat(navis("template", "list", "-o", "name")).isZero();
    assertThat(out.toString()).isBlank();
  }

  @Test
  void submitFromAWorkflowTemplateMergesItsArguments() throws Exception {
    navis("template", "create", file("greeter.yaml"));

    int code = navis("submit", "--from", "workflowtemplate/greeter", "-p", "who=navis",
        "--wait", "-o", "json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode workflow = json();
    assertThat(workflow.at("/status/phase").asText()).isEqualTo("Succeeded");
    assertThat(workflow.at("/metadata/name").asText()).startsWith("greeter-");
    assertThat(workflow.at("/metadata/labels/workflows.argoproj.io~1workflow-template")
        .asText()).isEqualTo("greeter");
    JsonNode node = workflow.at("/status/nodes").elements().next();
    assertThat(node.at("/outputs/result").asText()).isEqualTo("hello navis");
  }

  @Test
  void clusterTemplatesAreSharedAcrossNamespaces() throws Exception {
    assertThat(navis("cluster-template", "create", file("shared.yaml"))).isZero();
    assertThat(out.toString()).contains("Name:").contains("shared")
        .doesNotContain("Namespace:");

    int code = navis("submit", "-n", "team-a", "--from", "clusterworkflowtemplate/shared",
        "--wait", "-o", "json");

    assertThat(code).as(err.toString()).isZero();
    assertThat(json().at("/metadata/namespace").asText()).isEqualTo("team-a");
    assertThat(json().at("/metadata/labels/workflows.argoproj.io~1cluster-workflow-template")
        .asText()).isEqualTo("shared");
    assertThat(navis("cluster-template", "list", "-o", "wide")).isZero();
    assertThat(out.toString()).contains("shared").contains("ENTRYPOINT").contains("say");
    assertThat(navis("submit", "--from", "workflowtemplate/shared")).isEqualTo(1);
    assertThat(err.toString()).contains("WorkflowTemplate \"shared\" not found");
  }

  @Test
  void cronCreateListGetSuspendResumeDelete() throws Exception {
    assertThat(navis("cron", "create", file("nightly.yaml"), "-o", "name")).isZero();
    assertThat(out.toString().strip()).isEqualTo("nightly");

    assertThat(navis("cron", "list")).isZero();
    assertThat(out.toString()).contains("NEXT RUN").contains("0 3 * * *")
        .contains("Europe/Paris").contains("false");
    assertThat(navis("cron", "suspend", "nightly")).isZero();
    assertThat(navis("cron", "get", "nightly", "-o", "json")).isZero();
    assertThat(json().at("/spec/suspend").asBoolean()).isTrue();
    assertThat(navis("cron", "resume", "nightly")).isZero();
    assertThat(navis("cron", "get", "nightly")).isZero();
    assertThat(out.toString()).contains("Suspended:").contains("NextScheduledTime:")
        .contains("Forbid");

    assertThat(navis("cron", "update", file("nightly.yaml"), "-o", "json")).isZero();
    assertThat(json().at("/metadata/resourceVersion").asText()).isEqualTo("4");
    assertThat(navis("cron", "delete", "nightly")).isZero();
    assertThat(navis("cron", "get", "nightly")).isEqualTo(1);
    assertThat(navis("cron", "update", file("nightly.yaml"))).isEqualTo(1);
    assertThat(err.toString()).contains("CronWorkflow \"nightly\" not found");
  }

  @Test
  void aBadScheduleIsALintProblemAndIsNotStored() {
    assertThat(navis("cron", "lint", file("bad-cron.yaml"))).isEqualTo(1);
    assertThat(out.toString()).containsPattern("bad-cron.yaml:6:\\d+: ");

    assertThat(navis("cron", "create", file("bad-cron.yaml"))).isEqualTo(1);
    assertThat(err.toString()).containsPattern("bad-cron.yaml:6:\\d+: ");
    assertThat(navis("cron", "list", "-o", "name")).isZero();
    assertThat(out.toString()).isBlank();
  }

  @Test
  void backfillRunsEachMissedTimeOnceAndIsCapped() throws Exception {
    navis("cron", "create", file("nightly.yaml"));

    assertThat(navis("cron", "backfill", "nightly", "--start", "2026-11-01",
        "--end", "2026-11-04")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("3 workflows created, 0 already run");
    assertThat(navis("cron", "backfill", "nightly", "--start", "2026-11-01",
        "--end", "2026-11-05")).isZero();
    assertThat(out.toString()).contains("1 workflow created, 3 already run");

    assertThat(navis("list", "-l", "workflows.argoproj.io/cron-workflow=nightly", "-o",
        "name")).isZero();
    long first = Instant.parse("2026-11-01T02:00:00Z").getEpochSecond(); // 03:00 in Paris
    assertThat(out.toString().lines()).hasSize(4).contains("nightly-" + first);
    assertThat(navis("cron", "backfill", "nightly", "--start", "2020-01-01", "--cap", "10"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("backfill cap");
  }

  @Test
  void submitFromACronWorkflowLabelsTheWorkflow() throws Exception {
    navis("cron", "create", file("nightly.yaml"));

    assertThat(navis("submit", "--from", "cronwf/nightly", "--wait", "-o", "json")).isZero();

    assertThat(json().at("/status/phase").asText()).isEqualTo("Succeeded");
    assertThat(json().at("/metadata/labels/workflows.argoproj.io~1cron-workflow").asText())
        .isEqualTo("nightly");
    assertThat(navis("submit", "--from", "nothing/else")).isEqualTo(1);
    assertThat(err.toString()).contains("unknown kind");
  }
}
