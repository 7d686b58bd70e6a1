package dev.navis.executor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Codec;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeListener;
import dev.navis.engine.spi.NodeResult;
import dev.navis.engine.spi.NodeResult.ContainerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeExecutor} must do, whatever runs the nodes: extend this class with a
 * factory for the executor under test. Templates are written as Argo YAML.
 */
public abstract class NodeExecutorContract {

  protected static final Duration END_WAIT = Duration.ofSeconds(10);

  protected final Recorder recorder = new Recorder();
  protected NodeExecutor executor;
  protected final String workflowUid = "wf-" + UUID.randomUUID();

  /** A new executor reporting to {@code listener}; called again to simulate a restart. */
  protected abstract NodeExecutor newExecutor(NodeListener listener);

  /** Whether two nodes writing the same /tmp path keep apart (a pod's own file system). */
  protected abstract boolean isolatesTmp();

  /** Asserts that no process whose arguments hold {@code marker} still runs. */
  protected abstract void assertNothingRunsWith(String marker);

  @BeforeEach
  void startExecutor() {
    executor = newExecutor(recorder);
  }

  @AfterEach
  void closeExecutor() {
    executor.close();
  }

  @Test
  void helloWorldOutputIsTheResultAndTheLog() throws IOException {
    NodeResult result = run(container("docker/whalesay", "[cowsay]", "[hello world]"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.exitCode()).isZero();
    assertThat(result.message()).isNull();
    assertThat(result.result()).contains("hello world").doesNotEndWith("\n");
    Path log = executor.logFile(workflowUid, "n1", "main").orElseThrow();
    assertThat(Files.readString(log)).contains("< hello world >");
    assertThat(result.finishedAt()).isAfterOrEqualTo(result.startedAt());
  }

  @Test
  void nonZeroExitFailsTheNodeWithItsCode() {
    NodeResult result = run(container("busybox", "[sh, -c]", "['echo oops >&2; exit 3']"));

    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.message()).isEqualTo("Error (exit code 3)");
  }

  @Test
  void missingProgramIsAnErrorNotACrash() {
    NodeResult result = run(container("busybox", "[no-such-tool-xyz]", "[a]"));

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.exitCode()).isNull();
    assertThat(result.message())
        .isEqualTo("executable \"no-such-tool-xyz\" not found in PATH (image busybox)");
  }

  @Test
  void aTemplateWithNothingToRunIsAnError() {
    NodeResult result = run("""
        name: pause
        suspend: {}
        """);

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).contains("\"pause\"", "no container, script or containerSet");
  }

  @Test
  void resultIsStdoutAloneLessOneNewline() throws IOException {
    NodeResult result = run(container("alpine:3.23", "[sh, -c]",
        "['echo out; echo err >&2; echo; echo last']"));

    assertThat(result.result()).isEqualTo("out\n\nlast");
    String log = Files.readString(executor.logFile(workflowUid, "n1", "main").orElseThrow());
    assertThat(log).contains("out", "err", "last");
  }

  @Test
  void bashScriptRunsFromItsSource() {
    NodeResult result = run("""
        name: gen
        script:
          image: debian:9.4
          command: [bash]
          source: |
            echo $((40 + 2))
        """);

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("42");
  }

  @Test
  void shellScriptRunsUnderShDashC() {
    NodeResult result = run("""
        name: gen
        script:
          image: alpine:3.23
          command: [sh, -c]
          source: |
            echo "$((6 * 7))" | awk '{printf "%i\\n", $1 + 1}'
        """);

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("43");
  }

  @Test
  void pythonScriptRunsWithHostPython() {
    NodeResult result = run("""
        name: gen
        script:
          image: python:alpine3.23
          command: [python]
          source: |
            import random
            print(sum(range(10)))
        """);

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("45");
  }

  @Test
  void outputParameterIsReadFromItsFileAndMissingOnesAreLeftOut() {
    NodeResult result = run("""
        name: whalesay
        container:
          image: busybox
          command: [sh, -c]
          args: ["echo -n hello world > /tmp/hello_world.txt"]
        outputs:
          parameters:
          - name: hello-param
            valueFrom:
              path: /tmp/hello_world.txt
          - name: absent
            valueFrom:
              default: fallback
              path: /tmp/never-written.txt
        """);

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.parameters()).containsExactly(Map.entry("hello-param", "hello world"));
  }

  @Test
  void environmentHoldsLaunchAndContainerVariables() {
    NodeResult result = run("""
        name: env
        container:
          image: busybox
          command: [sh, -c]
          args: ['echo "$GREETING $ARGO_POD_NAME"']
          env:
          - name: GREETING
            value: hi
        """);

    assertThat(result.result()).isEqualTo("hi pod-n1");
  }

  @Test
  void parallelNodesKeepTheirOwnTmp() {
    org.junit.jupiter.api.Assumptions.assumeTrue(isolatesTmp(), "no private /tmp here");
    String template = """
        name: same-path
        container:
          image: busybox
          command: [sh, -c]
          args: ['echo %s > /tmp/navis-same.txt; sleep 0.3; cat /tmp/navis-same.txt']
        """;
    executor.start(launch("a", template.formatted("from-a")));
    executor.start(launch("b", template.formatted("from-b")));

    assertThat(recorder.await(workflowUid, "a").result()).isEqualTo("from-a");
    assertThat(recorder.await(workflowUid, "b").result()).isEqualTo("from-b");
  }

  @Test
  void stopKillsTheNodeAndEverythingItStarted() {
    String marker = "60." + (System.nanoTime() % 1000);
    executor.start(launch("n1", container("busybox", "[sh, -c]",
        "['sleep " + marker + " & sleep " + marker + "; wait']")));
    awaitRunning(marker);

    executor.stop(workflowUid, "n1", "Step exceeded its deadline");

    NodeResult result = recorder.await(workflowUid, "n1");
    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.message()).isEqualTo("Step exceeded its deadline");
    assertNothingRunsWith(marker);
  }

  @Test
  void recoverReportsANodeThatEndedWhileNobodyWatched() {
    NodeLaunch launch = launch("n1", container("busybox", "[sh, -c]", "['echo done']"));
    NodeExecutor first = newExecutor(result -> {});
    first.start(launch);
    await().atMost(END_WAIT).until(() -> first.logFile(workflowUid, "n1", "main").isPresent());
    first.close();
    sleep(Duration.ofMillis(500));

    assertThat(executor.recover(launch)).isTrue();

    NodeResult result = recorder.await(workflowUid, "n1");
    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("done");
  }

  @Test
  void recoverReattachesToANodeStillRunning() {
    NodeLaunch launch = launch("n1", container("busybox", "[sh, -c]",
        "['sleep 1; echo late; exit 4']"));
    NodeExecutor first = newExecutor(result -> {});
    first.start(launch);
    NodeExecutor second = newExecutor(recorder);
    await().atMost(END_WAIT).until(() -> second.recover(launch));
    first.close();

    NodeResult result = recorder.await(workflowUid, "n1");
    second.close();
    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.result()).isEqualTo("late");
    assertThat(recorder.ends(workflowUid, "n1")).hasSize(1);
  }

  @Test
  void recoverFinishesAContainerSetCaughtHalfway() throws IOException {
    NodeLaunch launch = launch("n1", """
        name: set
        containerSet:
          containers:
          - {name: first, image: argoproj/argosay:v2, args: [sleep, 800ms]}
          - {name: main, image: argoproj/argosay:v2, args: [echo, second], dependencies: [first]}
        """);
    NodeExecutor first = newExecutor(result -> {});
    first.start(launch);
    NodeExecutor second = newExecutor(recorder);
    await().atMost(END_WAIT).until(() -> second.recover(launch));
    first.close();

    NodeResult result = recorder.await(workflowUid, "n1");
    second.close();
    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("second");
    assertThat(result.containers()).extracting(ContainerResult::phase)
        .containsExactly("Succeeded", "Succeeded");
    Path log = executor.logFile(workflowUid, "n1", "main").orElseThrow();
    assertThat(Files.readString(log)).isEqualTo("second\n");
  }

  @Test
  void recoverKnowsNothingOfANodeNeverStarted() {
    assertThat(executor.recover(launch("ghost", container("busybox", "[true]", "[]"))))
        .isFalse();
  }

  @Test
  void containerSetRunsInDependencyOrderAndInParallelWhereIndependent() {
    String sleeper = "{name: %s, image: argoproj/argosay:v2, args: [sleep, 300ms]%s}";
    NodeResult result = run("""
        name: graph
        containerSet:
          containers:
          - %s
          - %s
          - %s
          - %s
        """.formatted(sleeper.formatted("a", ""),
        sleeper.formatted("b", ", dependencies: [a]"),
        sleeper.formatted("c", ", dependencies: [a]"),
        sleeper.formatted("main", ", dependencies: [b, c]")));

    assertThat(result.phase()).isEqualTo("Succeeded");
    Map<String, ContainerResult> byName = byName(result.containers());
    assertThat(byName.keySet()).containsExactly("a", "b", "c", "main");
    assertThat(byName.get("b").startedAt()).isAfterOrEqualTo(byName.get("a").finishedAt());
    assertThat(byName.get("c").startedAt()).isAfterOrEqualTo(byName.get("a").finishedAt());
    assertThat(byName.get("b").startedAt()).isBefore(byName.get("c").finishedAt());
    assertThat(byName.get("c").startedAt()).isBefore(byName.get("b").finishedAt());
    assertThat(byName.get("main").startedAt())
        .isAfterOrEqualTo(byName.get("b").finishedAt())
        .isAfterOrEqualTo(byName.get("c").finishedAt());
  }

  @Test
  void containerSetTakesResultFromMainAndFailsWithAFailedContainer() {
    NodeResult result = run("""
        name: set
        containerSet:
          containers:
          - {name: main, image: argoproj/argosay:v2, args: [echo, from-main]}
          - {name: bad, image: argoproj/argosay:v2, args: [exit, "2"]}
          - {name: after-bad, image: argoproj/argosay:v2, dependencies: [bad]}
        """);

    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.result()).isEqualTo("from-main");
    Map<String, ContainerResult> byName = byName(result.containers());
    assertThat(byName.get("main").phase()).isEqualTo("Succeeded");
    assertThat(byName.get("bad").phase()).isEqualTo("Failed");
    assertThat(byName.get("after-bad").phase()).isEqualTo("Omitted");
  }

  // ---- helpers ----

  protected NodeResult run(String templateYaml) {
    executor.start(launch("n1", templateYaml));
    return recorder.await(workflowUid, "n1");
  }

  protected NodeLaunch launch(String nodeId, String templateYaml) {
    Template template;
    try {
      template = Codec.yaml().readValue(templateYaml, Template.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NodeLaunch("argo", "wf", workflowUid, nodeId, "wf." + nodeId, "pod-" + nodeId,
        template, Map.of("ARGO_POD_NAME", "pod-" + nodeId));
  }

  protected static String container(String image, String command, String args) {
    return """
        name: t
        container:
          image: %s
          command: %s
          args: %s
        """.formatted(image, command, args);
  }

  protected void awaitRunning(String marker) {
    await().atMost(END_WAIT).until(() -> ProcessHandle.allProcesses()
        .anyMatch(process -> holds(process, marker)));
  }

  protected static boolean holds(ProcessHandle process, String marker) {
    return process.isAlive() && process.info().arguments()
        .map(arguments -> List.of(arguments).contains(marker)).orElse(false);
  }

  protected static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, ContainerResult> byName(List<ContainerResult> containers) {
    Map<String, ContainerResult> byName = new java.util.LinkedHashMap<>();
    containers.forEach(container -> byName.put(container.name(), container));
    return byName;
  }

  /** Records every reported end, by workflow and node. */
  protected static final class Recorder implements NodeListener {

    private final Map<String, List<NodeResult>> ends = new ConcurrentHashMap<>();

    @Override
    public void nodeEnded(NodeResult result) {
      ends.computeIfAbsent(result.workflowUid() + "/" + result.nodeId(),
          key -> new CopyOnWriteArrayList<>()).add(result);
    }

    public NodeResult await(String workflowUid, String nodeId) {
      org.awaitility.Awaitility.await().atMost(END_WAIT)
          .until(() -> !ends(workflowUid, nodeId).isEmpty());
      return ends(workflowUid, nodeId).getFirst();
    }

    public List<NodeResult> ends(String workflowUid, String nodeId) {
      return ends.getOrDefault(workflowUid + "/" + nodeId, List.of());
    }
  }
}
