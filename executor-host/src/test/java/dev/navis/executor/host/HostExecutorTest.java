package dev.navis.executor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeListener;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostExecutorTest extends NodeExecutorContract {

  @TempDir
  static Path home;

  @Override
  protected NodeExecutor newExecutor(NodeListener listener) {
    return new HostExecutor(home.resolve("runs"), listener, ImageTable.defaults(), true, false,
        Duration.ofMillis(500), this::supervisor);
  }

  /** The supervisor the nodes run under: the one a user's executor installs. */
  protected Supervisor supervisor() {
    return Supervisor.install(home.resolve("tools"));
  }

  protected String expectedSupervisorKind() {
    // The build compiles the native supervisor into the jar wherever it finds a C compiler.
    return CommandPath.find("cc", System.getenv("PATH")).isPresent() ? "native" : "shell";
  }

  @Override
  protected boolean isolatesTmp() {
    return ((HostExecutor) executor).sandboxed();
  }

  @Override
  protected void assertNothingRunsWith(String marker) {
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(ProcessHandle.allProcesses().filter(process -> holds(process, marker)))
            .isEmpty());
  }

  @Test
  void nodesRunUnderTheExpectedSupervisor() {
    assertThat(((HostExecutor) executor).supervisorKind()).isEqualTo(expectedSupervisorKind());
  }

  @Test
  void aStoppedNodesLogHoldsNothingOfTheSupervisor() throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      String id = "stopped" + attempt;
      // Naming /tmp puts the node in the sandbox, whose stop leaves the supervisor running.
      executor.start(launch(id, container("busybox", "[sh, -c]",
          "['echo up; touch /tmp/sandboxed; sleep 30']")));
      await().atMost(Duration.ofSeconds(10)).until(() -> executor.logFile(workflowUid, id,
          "main").map(HostExecutorTest::read).orElse("").contains("up"));

      executor.stop(workflowUid, id, "Stopped with strategy 'Stop'");

      assertThat(recorder.await(workflowUid, id).phase()).isEqualTo("Failed");
      String log = read(executor.logFile(workflowUid, id, "main").orElseThrow());
      assertThat(log).startsWith("up")
          .doesNotContain("navis-supervisor", "cannot open", "Terminated");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void anArgumentOverTheHostsLimitIsAnErrorThatSaysWhat() {
    // Linux refuses a single argument over 128 KiB (E2BIG), whatever the total limit.
    String huge = "x".repeat(200 * 1024);
    NodeResult result = run(container("busybox", "[echo]", "['" + huge + "']"));

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).matches("cannot start \\S*echo: Argument list too long .*")
        .contains("pass large values through a file or an artifact")
        .doesNotContain("setsid", "Cannot run program");
  }

  @Test
  void aStepStartsWithNoSignalIgnoredOrBlocked() {
    // An ignored signal stays ignored across exec, so a supervisor's own would be the step's.
    NodeResult result = run(container("busybox", "[grep, -E, '^Sig(Ign|Blk)']",
        "[/proc/self/status]"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    // SIGHUP, SIGINT, SIGPIPE, SIGTERM and SIGCHLD (bit n - 1 for signal n). The real-time
    // signals above 31 are the C library's and the host's business.
    long standard = (1L << 0) | (1L << 1) | (1L << 12) | (1L << 14) | (1L << 16);
    assertThat(result.result().lines()).hasSize(2).allSatisfy(line -> assertThat(
        Long.parseUnsignedLong(line.substring(line.indexOf('\t') + 1), 16) & standard)
        .as(line).isZero());
  }

  @Test
  void bubblewrapIsUsedWhereInstalled() {
    boolean installed = CommandPath.find("bwrap", System.getenv("PATH")).isPresent();
    assertThat(((HostExecutor) executor).sandboxed()).isEqualTo(installed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[]                                   | Succeeded | hello argo",
      "[echo, hi there]                     | Succeeded | hi there",
      "[sleep, 150ms]                       | Succeeded | ''",
      "[exit, '7']                          | Failed    | ''",
      "[bogus-verb]                         | Failed    | ''",
      "[sh, 'echo from sh']                 | Succeeded | from sh",
  })
  void argosayVerbs(String args, String phase, String output) {
    NodeResult result = run(container("argoproj/argosay:v2", "[]", args));

    assertThat(result.phase()).isEqualTo(phase);
    assertThat(result.result()).isEqualTo(output);
  }

  @Test
  void argosayWritesFilesThatItCanCatAndAssert() {
    NodeResult result = run("""
        name: files
        containerSet:
          containers:
          - {name: write, image: argoproj/argosay:v2, args: [echo, hello file, /tmp/a/b.txt]}
          - name: check
            image: argoproj/argosay:v2
            args: [assert_contains, /tmp/a/b.txt, "hello"]
            dependencies: [write]
          - {name: main, image: argoproj/argosay:v2, args: [cat, /tmp/a/b.txt],
             dependencies: [check]}
        outputs:
          parameters:
          - {name: text, valueFrom: {path: /tmp/a/b.txt}}
        """);

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("hello file");
    assertThat(result.parameters()).containsEntry("text", "hello file");
  }

  @Test
  void whalesayWithoutCommandRunsCowsay() {
    NodeResult result = run(container("docker/whalesay:latest", "[]", "[moo]"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).contains("< moo >", "(oo)");
  }

  @Test
  void shellCommandUnderTheArgosayImageRunsAsGiven() {
    NodeResult result = run(container("argoproj/argosay:v2", "[sh, -c]", "['cowsay hello']"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).contains("< hello >");
  }

  @Test
  void valueFromVariablesAreLeftUnsetWithANote() throws IOException {
    NodeResult result = run("""
        name: env
        container:
          image: busybox
          command: [sh, -c]
          args: ['test -z "$SECRET" && exit 9']
          env:
          - name: SECRET
            valueFrom: {secretKeyRef: {name: s, key: k}}
        """);

    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.message()).startsWith("Error (exit code 9)").contains("SECRET");
    Path log = executor.logFile(workflowUid, "n1", "main").orElseThrow();
    assertThat(Files.readString(log)).contains("navis: env SECRET uses valueFrom");
  }

  @Test
  void aSilentStepHasNoLogAndAnEmptyResult() {
    NodeResult result = run(container("alpine", "[\"true\"]", "[]"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEmpty();
    assertThat(executor.logFile(workflowUid, "n1", "main")).isEmpty();
    Path folder = home.resolve("runs").resolve(workflowUid).resolve("n1");
    // The supervisor opens the output files at start, so that a server crash loses nothing.
    assertThat(folder.resolve("main.stdout")).isEmptyFile();
    assertThat(folder.resolve("main.exitcode")).hasContent("0");
  }

  @Test
  void stderrAloneReachesTheLogButNotTheResult() throws IOException {
    NodeResult result = run(container("alpine", "[sh, -c]", "['echo only-err >&2']"));

    assertThat(result.result()).isEmpty();
    Path log = executor.logFile(workflowUid, "n1", "main").orElseThrow();
    assertThat(Files.readString(log)).isEqualTo("only-err\n");
  }

  @Test
  void missingWorkingDirIsCreatedInsideTheNodeFolder() {
    NodeResult result = run("""
        name: wd
        container:
          image: busybox
          command: [sh, -c]
          args: ['pwd']
          workingDir: /navis-not-on-this-host/src
        """);

    assertThat(result.result())
        .endsWith("/" + workflowUid + "/n1/work/navis-not-on-this-host/src");
    assertThat(Path.of("/navis-not-on-this-host")).doesNotExist();
  }

  @Test
  void withoutSandboxOutputsAreReadFromTheRealPath() throws IOException {
    NodeExecutor plain = new HostExecutor(home.resolve("runs"), recorder,
        ImageTable.defaults(), false, Duration.ofMillis(500));
    String file = "/tmp/navis-plain-" + UUID.randomUUID() + ".txt";
    plain.start(launch("plain", """
        name: p
        container:
          image: alpine
          command: [sh, -c]
          args: ['echo real > %s']
        outputs:
          parameters:
          - {name: p, valueFrom: {path: %s}}
        """.formatted(file, file)));

    NodeResult result = recorder.await(workflowUid, "plain");
    plain.close();
    Files.deleteIfExists(Path.of(file));
    assertThat(result.parameters()).isEqualTo(Map.of("p", "real"));
  }

  @Test
  void userImageRulesComeFirst() throws IOException {
    Path file = home.resolve("images.yaml");
    Files.writeString(file, """
        images:
          - pattern: "myorg/greeter*"
            entrypoint: [echo, greetings]
            cmd: [nobody]
            commands: {greet: echo}
        """);
    ImageTable table = ImageTable.load(file);

    assertThat(table.argv("myorg/greeter:1.0", null, java.util.List.of("bob")))
        .containsExactly("echo", "greetings", "bob");
    assertThat(table.argv("myorg/greeter:2", null, null))
        .containsExactly("echo", "greetings", "nobody");
    assertThat(table.argv("myorg/greeter", java.util.List.of("greet", "x"), null))
        .containsExactly("echo", "x");
    assertThat(table.argv("docker.io/library/python:3.12", null, java.util.List.of("a.py")))
        .containsExactly("python3", "a.py");
    assertThat(table.argv("argoproj/argosay:v1", null, java.util.List.of("hi")))
        .containsExactly("cowsay", "hi");
    assertThat(table.argv("argoproj/argosay:v2", java.util.List.of("/argosay"), null))
        .containsExactly(ImageTable.ARGOSAY);
    assertThat(table.argv("unknown/image", null, java.util.List.of("ls", "-l")))
        .containsExactly("ls", "-l");
    assertThat(table.argv("unknown/image", null, null)).isEmpty();
    assertThat(table.argv("alpine:3.23", null, java.util.List.of("ls"))).containsExactly("ls");
    assertThat(table.argv("alpine:3.23", null, null)).containsExactly("sh");
  }

  @Test
  void argosayToolIsInstalledOnceNextToTheRuns() throws IOException {
    Path tool = home.resolve("tools/argosay");
    assertThat(tool).isExecutable();
    var modified = Files.getLastModifiedTime(tool);

    newExecutor(result -> {}).close();

    assertThat(Files.getLastModifiedTime(tool)).isEqualTo(modified);
  }

  @Test
  void aNodeThatNamesNoTmpRunsPlainWithItsOwnTmpdir() {
    NodeResult result = run(container("busybox", "[sh, -c]", "['echo $TMPDIR']"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).endsWith("/tmp").isNotEqualTo("/tmp");
  }

  @Test
  void aChildHoldingStdoutDoesNotHoldTheNode() {
    String marker = "30." + (System.nanoTime() % 1000);
    long started = System.nanoTime();

    // Naming /tmp asks for the private /tmp, and with it the node's own pid namespace.
    NodeResult result = run(container("busybox", "[sh, -c]",
        "['cd /tmp; sleep " + marker + " & echo hi']"));

    assertThat(result.result()).isEqualTo("hi");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    if (isolatesTmp()) {
      // The node's pid namespace ends with its first process, as a pod would.
      assertNothingRunsWith(marker);
    } else {
      ProcessHandle.allProcesses().filter(process -> holds(process, marker))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aChildHoldingStdoutDoesNotHoldAPlainNode() {
    String marker = "31." + (System.nanoTime() % 1000);
    long started = System.nanoTime();

    // Not naming /tmp, the node runs without a sandbox: only its supervisor sees it end.
    NodeResult result = run(container("busybox", "[sh, -c]",
        "['sleep " + marker + " & echo hi']"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("hi");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    ProcessHandle.allProcesses().filter(process -> holds(process, marker))
        .forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void resultKeepsTheLast256KiB() {
    NodeResult result = run(container("busybox", "[sh, -c]",
        "['head -c 300000 /dev/zero | tr \"\\\\000\" a; echo; echo end']"));

    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).hasSize(256 * 1024 - 1).startsWith("aaa").endsWith("a\nend");
  }

  @Test
  void aNewRunOfANodeForgetsTheLastOne() {
    run(container("busybox", "[sh, -c]", "['exit 3']"));
    var again = launch("n1", container("busybox", "[sh, -c]", "['sleep 0.5; echo again']"));
    executor.start(again);
    Recorder other = new Recorder();
    NodeExecutor restarted = newExecutor(other);

    org.awaitility.Awaitility.await().atMost(END_WAIT).until(() -> restarted.recover(again));

    NodeResult result = other.await(workflowUid, "n1");
    restarted.close();
    assertThat(result.phase()).isEqualTo("Succeeded");
    assertThat(result.result()).isEqualTo("again");
  }

  @Test
  void stoppingAContainerSetLeavesLaterContainersUnstarted() {
    String marker = "60." + (System.nanoTime() % 1000);
    executor.start(launch("n1", """
        name: set
        containerSet:
          containers:
          - {name: first, image: argoproj/argosay:v2, args: [sleep, "%s"]}
          - {name: main, image: argoproj/argosay:v2, dependencies: [first]}
        """.formatted(marker)));
    awaitRunning(marker);

    executor.stop(workflowUid, "n1", "workflow shutdown");

    NodeResult result = recorder.await(workflowUid, "n1");
    assertThat(result.phase()).isEqualTo("Failed");
    assertThat(result.message()).isEqualTo("workflow shutdown");
    assertThat(result.result()).isNull();
    assertThat(result.containers()).extracting(container -> container.phase())
        .containsExactly("Failed", "Omitted");
    assertNothingRunsWith(marker);
  }
}
