package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs as a user types them, against a fresh Navis home each time; run in-process here and
 * against a server by {@link RemoteCliTest}.
 */
class CliTest {

  @TempDir Path home;

  StringWriter out;
  StringWriter err;

  @BeforeEach
  void useFreshHome() {
    System.setProperty("NAVIS_HOME", home.toString());
    System.setProperty("NAVIS_IDLE_EXIT", "1");
  }

  /** A background controller started by a test must be gone before its home is deleted. */
  @AfterEach
  void forgetHome() {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !BackgroundController.running(home));
    System.clearProperty("NAVIS_HOME");
    System.clearProperty("NAVIS_IDLE_EXIT");
  }

  /** Options put before every command line: none here, a server in a subclass. */
  String[] globalOptions() {
    return new String[0];
  }

  int navis(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] line = java.util.stream.Stream.concat(java.util.Arrays.stream(globalOptions()),
        java.util.Arrays.stream(args)).toArray(String[]::new);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), line);
  }

  private static String workflow(String name) {
    return Path.of("src/test/resources/workflows", name).toString();
  }

  @Test
  void submitWaitJsonPrintsOnlyTheFinalWorkflow() throws Exception {
    int code = navis("submit", workflow("greet.yaml"), "-p", "who=navis", "--wait", "-o", "json");

    assertThat(code).isZero();
    JsonNode workflow = Codec.json().readTree(out.toString());
    assertThat(workflow.at("/status/phase").asText()).isEqualTo("Succeeded");
    assertThat(workflow.at("/metadata/name").asText()).startsWith("greet-");
    assertThat(workflow.at("/status/nodes").size()).isEqualTo(1);
    JsonNode node = workflow.at("/status/nodes").elements().next();
    assertThat(node.at("/outputs/result").asText()).isEqualTo("hello navis");
  }

  @Test
  void submitWaitExitsNonZeroWhenTheWorkflowFails() {
    int code = navis("submit", workflow("failing.yaml"), "--wait");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("Status:").contains("Failed");
  }

  @Test
  void listGetAndLogsShowWhatRan() {
    navis("submit", workflow("greet.yaml"), "--wait", "-o", "name");
    String name = out.toString().trim();

    assertThat(navis("list")).isZero();
    assertThat(out.toString()).contains("NAME").contains(name).contains("Succeeded");
    assertThat(navis("list", "-l", "team=sre", "-o", "name")).isZero();
    assertThat(out.toString().trim()).isEqualTo(name);
    assertThat(navis("list", "-l", "team=other", "-o", "name")).isZero();
    assertThat(out.toString().trim()).isEmpty();

    assertThat(navis("get", name)).isZero();
    assertThat(out.toString()).contains("Status:").contains("Succeeded").contains("main");
    assertThat(navis("logs", name)).isZero();
    assertThat(out.toString()).contains(name + ": hello world");
  }

  @Test
  void lintChecksSensorsAsTheirCreationDoes() {
    String sensor = workflow("sensor-bad-entrypoint.yaml");

    assertThat(navis("lint", sensor)).isEqualTo(1);
    assertThat(out.toString()).contains(sensor + ":19:17: spec.triggers[0].template.argoWorkflow"
        + ".source.resource.spec.entrypoint: template \"nope\" not found");
    assertThat(navis("lint", "../examples/events")).as(out::toString).isZero();
  }

  @Test
  void lintReportsFileLineAndFieldAndSubmitStoresNothing() {
    String broken = workflow("unknown-template.yaml");

    assertThat(navis("lint", broken)).isEqualTo(1);
    assertThat(out.toString()).contains(broken + ":11:13:").contains("wisper");

    assertThat(navis("submit", broken, "--wait")).isEqualTo(1);
    assertThat(err.toString()).contains(broken + ":11:13:").contains("nothing was submitted");
    navis("list", "-o", "name");
    assertThat(out.toString().trim()).isEmpty();
  }

  @Test
  void aRequiredInputGivenWithDashPIsGiven() {
    String file = workflow("needs-input.yaml");

    assertThat(navis("submit", file, "--wait")).isEqualTo(1);
    assertThat(err.toString()).contains("\"target\"").contains("not supplied");

    assertThat(navis("submit", file, "-p", "target=db-1", "--wait", "-o", "json")).isZero();
    assertThat(out.toString()).contains("\"result\" : \"db-1\"");
  }

  @Test
  void malformedYamlIsAPositionNotAStackTrace() {
    String malformed = workflow("malformed.yaml");

    assertThat(navis("submit", malformed)).isEqualTo(1);
    assertThat(err.toString()).startsWith(malformed + ":").doesNotContain("Exception");
  }

  @Test
  void badArgumentsAreExplained() {
    assertThat(navis("submit", workflow("greet.yaml"), "-p", "novalue")).isEqualTo(1);
    assertThat(err.toString()).contains("-p expects NAME=VALUE");

    assertThat(navis("submit", "no/such/file.yaml")).isEqualTo(1);
    assertThat(err.toString()).contains("no such file");

    assertThat(navis("get", "ghost")).isEqualTo(1);
    assertThat(err.toString()).contains("workflow \"ghost\" not found");

    assertThat(navis("submit", workflow("greet.yaml"), "-o", "xml")).isEqualTo(1);
    assertThat(err.toString()).contains("unknown output format");
  }

  @Test
  void plainSubmitRunsInTheBackground() {
    assertThat(navis("submit", workflow("greet.yaml"), "-o", "name")).isZero();
    String name = out.toString().trim();
    if (globalOptions().length == 0) {
      // Handed over before submit returns: the next commands reach the store through it.
      assertThat(BackgroundController.ready(home)).as(this::controllerLog).isTrue();
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      navis("get", name, "-o", "json");
      assertThat(Codec.json().readTree(out.toString()).at("/status/phase").asText())
          .as(() -> "background controller's log: " + controllerLog())
          .isEqualTo("Succeeded");
    });
  }

  @Test
  void retryRunsTheFailedStepAgainAndKeepsTheOneThatSucceeded() throws Exception {
    // Outside /tmp, which a node may see as its own private folder (this clone may be there).
    Path flags = java.nio.file.Files.createTempDirectory(Path.of("/var/tmp"), "navis-retry-");
    Path flag = flags.resolve("flag");
    assertThat(navis("submit", workflow("fails-once.yaml"), "-p", "flag=" + flag, "--wait",
        "-o", "name")).isEqualTo(1);
    String name = out.toString().trim().lines().reduce((a, b) -> b).orElseThrow();

    assertThat(navis("retry", name, "--wait", "-o", "json")).as(err::toString).isZero();

    JsonNode workflow = Codec.json().readTree(out.toString());
    assertThat(workflow.at("/status/phase").asText()).isEqualTo("Succeeded");
    List<String> flaky = new ArrayList<>();
    workflow.at("/status/nodes").forEach(node -> {
      if (node.path("displayName").asText().equals("flaky")) {
        flaky.add(node.path("phase").asText());
      }
    });
    assertThat(flaky).containsExactly("Succeeded");
    assertThat(navis("logs", name)).isZero();
    assertThat(out.toString()).contains("fine").contains("second");
    java.nio.file.Files.delete(flag);
    java.nio.file.Files.delete(flags);
  }

  @Test
  void nodeSetSuppliesAnApprovalsOutputAndResumeGoesOn() {
    assertThat(navis("submit", workflow("approval.yaml"), "-o", "name")).isZero();
    String name = out.toString().trim();
    awaitNodePhase(name, name + "[0].approve", "Running");

    assertThat(navis("node", "set", name, "--node-field-selector", "displayName=approve",
        "-p", "colour=red")).isEqualTo(1);
    assertThat(err.toString()).contains("not expecting output parameter 'colour'");
    assertThat(navis("node", "set", name, "--node-field-selector", "displayName=approve",
        "-p", "says=ship it", "-m", "looked fine")).as(err::toString).isZero();
    assertThat(navis("resume", name, "--node-field-selector", "displayName=approve"))
        .isZero();

    awaitNodePhase(name, name + "[1].release", "Succeeded");
    assertThat(navis("logs", name)).isZero();
    assertThat(out.toString()).contains("ship it");
  }

  private void awaitNodePhase(String workflow, String node, String phase) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      navis("get", workflow, "-o", "json");
      JsonNode nodes = Codec.json().readTree(out.toString()).at("/status/nodes");
      String found = java.util.stream.StreamSupport.stream(nodes.spliterator(), false)
          .filter(n -> node.equals(n.path("name").asText()))
          .map(n -> n.path("phase").asText()).findFirst().orElse("(none)");
      assertThat(found).as(() -> "background controller's log: " + controllerLog())
          .isEqualTo(phase);
    });
  }

  private String controllerLog() {
    try {
      return java.nio.file.Files.readString(home.resolve("controller.log"));
    } catch (java.io.IOException e) {
      return "(none: " + e.getMessage() + ")";
    }
  }

  @Test
  void submitLogPrintsEachNodesLogAsItEnds() {
    int code = navis("submit", workflow("greet.yaml"), "--name", "logged", "--log");

    assertThat(code).as(err::toString).isZero();
    assertThat(out.toString()).contains("logged: hello world").contains("Succeeded");
  }

  @Test
  void submitWatchEndsWithTheFinalTree() {
    int code = navis("submit", workflow("greet.yaml"), "--name", "watched", "--watch");

    assertThat(code).as(err::toString).isZero();
    assertThat(out.toString()).contains("Name:        watched").contains("Succeeded")
        .contains("STEP");
  }

  @Test
  void logsFollowPrintsEveryLineUntilTheEnd() {
    assertThat(navis("submit", workflow("slow-echo.yaml"), "-o", "name")).isZero();
    String name = out.toString().trim();

    assertThat(navis("logs", "-f", name)).as(err::toString).isZero();

    assertThat(out.toString().lines()).containsExactly(name + ": one", name + ": two");
    assertThat(navis("logs", name, name)).isZero();
    assertThat(out.toString().lines()).containsExactly("one", "two");
  }

  @Test
  void retryRunsTheFailedWorkflowAgainAndRefusesASucceededOne() {
    navis("submit", workflow("failing.yaml"), "--name", "flaky", "--wait");

    assertThat(navis("retry", "flaky", "--wait")).as(err::toString).isEqualTo(1);
    assertThat(out.toString()).contains("Failed");

    navis("submit", workflow("greet.yaml"), "--name", "fine", "--wait");
    assertThat(navis("retry", "fine")).isEqualTo(1);
    assertThat(err.toString()).contains("workflow fine is Succeeded: only Failed or Error");
    assertThat(navis("terminate", "fine")).isEqualTo(1);
    assertThat(err.toString()).contains("workflow fine has already succeeded");
  }

  @Test
  void deleteRemovesTheWorkflow() {
    navis("submit", workflow("greet.yaml"), "--wait", "-o", "name");
    String name = out.toString().trim();

    assertThat(navis("delete", name)).isZero();
    assertThat(navis("get", name)).isEqualTo(1);
  }

  @Test
  void versionNamesTheBuild() {
    assertThat(navis("version")).isZero();
    assertThat(out.toString()).startsWith("navis: v");
  }
}
