package dev.navis.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.ParseResult;
import dev.navis.api.Resources;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Controller;
import dev.navis.controller.NodeExecutors;
import dev.navis.controller.Submission;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs Argo's artifact examples (host class {@code HA}) with real host processes and the
 * local folder artifact repository. Those in {@link #REQUIRED} must end as Argo says; the
 * others are run and printed, so the gap stays visible.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactExamplesTest {

  /** The HA examples that pass on the host. */
  static final List<String> REQUIRED = List.of(
      "archive-location.yaml",
      "artifact-disable-archive.yaml",
      "artifact-gc-workflow.yaml",
      "artifact-passing-subpath.yaml",
      "artifact-passing.yaml",
      "artifact-path-placeholders.yaml",
      "artifact-repository-ref.yaml",
      "conditional-artifacts.yaml",
      "container-set-template/workspace-workflow.yaml",
      "dag-conditional-artifacts.yaml",
      "exit-handler-with-artifacts.yaml",
      "global-outputs.yaml",
      "handle-large-output-results.yaml",
      "input-artifact-raw.yaml",
      "key-only-artifact.yaml",
      "nested-workflow.yaml",
      "workflow-template/workflow-archive-logs.yaml");

  /** Host paths outside /tmp the examples write; those that were not there are removed. */
  private static final List<Path> HOST_PATHS = Stream.of("/art", "/mnt/file", "/inputs",
      "/outputs", "/workspace/out").map(Path::of).toList();

  private static final long MINUTES = 3;
  private static final long REPORTED_SECONDS = 60;

  private Path home;
  private WorkflowStore store;
  private Controller controller;
  private final Map<String, CompletableFuture<Workflow>> runs = new LinkedHashMap<>();
  private List<Path> absentBefore;

  @BeforeAll
  void submitArtifactExamples() throws Exception {
    absentBefore = HOST_PATHS.stream().filter(path -> !Files.exists(path)).toList();
    home = Files.createTempDirectory("navis-artifacts");
    store = Stores.open("h2:" + home.resolve("navis"));
    controller = new Controller(store, listener -> NodeExecutors.withHttp(
        new HostExecutor(home.resolve("runs"), listener, ImageTable.defaults()), listener),
        Clock.systemUTC());
    for (ArgoExamples.Example example : artifactExamples().toList()) {
      runs.put(example.name(), submit(example.file()));
    }
  }

  @AfterAll
  void close() throws Exception {
    controller.close();
    store.close();
    for (Path path : absentBefore) {
      if (Files.exists(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          for (Path inside : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(inside);
          }
        }
      }
    }
  }

  static Stream<ArgoExamples.Example> artifactExamples() throws Exception {
    return ArgoExamples.all().stream().filter(example -> "HA".equals(example.hostClass()));
  }

  Stream<String> requiredExamples() {
    return REQUIRED.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredExamples")
  void requiredExampleEndsAsArgoSays(String name) throws Exception {
    assertThat(runs).as("HA example " + name).containsKey(name);
    Workflow finished = runs.get(name).get(MINUTES, TimeUnit.MINUTES);

    String expected = expectedOf(name);
    assertThat(finished.status().phase()).as(explain(finished)).isEqualTo(expected);
  }

  @Test
  void aPassedArtifactReachesTheConsumer() throws Exception {
    Workflow finished = runs.get("artifact-passing.yaml").get(MINUTES, TimeUnit.MINUTES);

    assertThat(resultOf(finished, "consume-artifact")).isEqualTo("hello world");
  }

  @Test
  void aSubPathPicksOneFileOfAFolderArtifact() throws Exception {
    Workflow finished =
        runs.get("artifact-passing-subpath.yaml").get(MINUTES, TimeUnit.MINUTES);

    assertThat(resultOf(finished, "consume-artifact")).isEqualTo("hello world");
    assertThat(resultOf(finished, "list-artifact")).contains("hello_world.txt");
  }

  @Test
  void rawAndExitHookArtifactsAreReadable() throws Exception {
    Workflow raw = runs.get("input-artifact-raw.yaml").get(MINUTES, TimeUnit.MINUTES);
    Workflow hooked =
        runs.get("exit-handler-with-artifacts.yaml").get(MINUTES, TimeUnit.MINUTES);

    assertThat(resultOf(raw, raw.metadata().name())).startsWith("this is\nthe raw file");
    assertThat(resultOf(hooked, "step-1.hooks.exit")).isEqualTo("Welcome");
  }

  @Test
  void aBoundaryAndTheWorkflowExportArtifacts() throws Exception {
    Workflow conditional =
        runs.get("conditional-artifacts.yaml").get(MINUTES, TimeUnit.MINUTES);
    Workflow global = runs.get("global-outputs.yaml").get(MINUTES, TimeUnit.MINUTES);

    NodeStatus main = node(conditional, conditional.metadata().name());
    assertThat(main.outputs().artifacts()).singleElement()
        .satisfies(artifact -> assertThat(artifact.key()).endsWith("/result.tgz"));
    assertThat(global.status().outputs().artifacts()).singleElement()
        .satisfies(artifact -> assertThat(artifact.name()).isEqualTo("my-global-art"));
  }

  @Test
  void archivedLogsAreAnOutputArtifact() throws Exception {
    Workflow finished = runs.get("archive-location.yaml").get(MINUTES, TimeUnit.MINUTES);

    NodeStatus pod = node(finished, finished.metadata().name());
    assertThat(pod.outputs().artifacts()).singleElement().satisfies(artifact -> {
      assertThat(artifact.name()).isEqualTo("main-logs");
      assertThat(home.resolve("artifacts").resolve(artifact.key())).hasContent("hello world");
    });
  }

  private static NodeStatus node(Workflow workflow, String displayName) {
    return workflow.status().nodes().values().stream()
        .filter(node -> displayName.equals(node.displayName())).findFirst().orElseThrow();
  }

  private static String resultOf(Workflow workflow, String displayName) {
    NodeStatus node = node(workflow, displayName);
    return node.outputs() == null ? null : node.outputs().result();
  }

  @Test
  void reportOnTheOtherArtifactExamples() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPORTED_SECONDS);
    List<String> lines = new ArrayList<>();
    int reached = 0;
    for (var entry : runs.entrySet()) {
      if (REQUIRED.contains(entry.getKey())) {
        continue;
      }
      String outcome = outcome(entry.getValue(), deadline);
      boolean ok = outcome.startsWith(expectedOf(entry.getKey()));
      reached += ok ? 1 : 0;
      lines.add((ok ? "  ok   " : "  MISS ") + entry.getKey() + " -> " + outcome);
    }
    System.out.println("Other HA examples reaching their phase: " + reached + "/"
        + lines.size() + "\n" + String.join("\n", lines));
    assertThat(runs).hasSizeGreaterThanOrEqualTo(REQUIRED.size());
  }

  private static String expectedOf(String name) throws Exception {
    return artifactExamples().filter(example -> example.name().equals(name))
        .map(ArgoExamples.Example::expected).findFirst().orElseThrow();
  }

  private static String outcome(CompletableFuture<Workflow> run, long deadline) {
    try {
      long left = Math.max(1, deadline - System.nanoTime());
      Workflow workflow = run.get(left, TimeUnit.NANOSECONDS);
      return workflow.status().phase() + " " + explain(workflow);
    } catch (TimeoutException e) {
      return "still running";
    } catch (Exception e) {
      return "error: " + e.getMessage();
    }
  }

  private CompletableFuture<Workflow> submit(Path file) {
    ParseResult parsed = Resources.read(file);
    assertThat(parsed.problems()).as(file + " reads cleanly").isEmpty();
    Workflow workflow = parsed.resources().getFirst().as(Workflow.class);
    Workflow prepared = Submission.plain().prepare(workflow, "default", Instant.now());
    String uid = controller.accept(prepared).uid();
    return controller.run(uid);
  }

  private static String explain(Workflow workflow) {
    Map<String, NodeStatus> nodes = workflow.status().nodes();
    String failing = nodes == null ? "" : nodes.values().stream()
        .filter(node -> !"Succeeded".equals(node.phase()))
        .map(node -> node.name() + " " + node.phase() + ": " + node.message())
        .collect(Collectors.joining("\n    "));
    return "(" + workflow.status().message() + ")\n    " + failing;
  }
}
