package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, item 6: {@code kill -9} of a {@code navis server} JVM while 20 workflows run, then a
 * new server on the same home. Every workflow must end with the phase it would have had, each
 * step must have run exactly as often as its workflow says (every step appends a line to a
 * marker file per workflow), and a step whose process died with the server must end in Error
 * saying so and be retried by its policy.
 */
class CrashRecoveryTest {

  private static final ObjectMapper JSON = Codec.json();
  private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  private final List<Process> servers = new ArrayList<>();
  private Path home;
  private Path marks;

  @AfterEach
  void stopServers() {
    servers.forEach(Process::destroyForcibly);
    // Whatever a failed run left behind: the supervisors of this test's steps name its home,
    // or are its tools' program (a sandboxed step dies with its supervisor).
    ProcessHandle.allProcesses()
        .filter(process -> home != null && (arguments(process).stream()
            .anyMatch(argument -> argument.contains(home.toString()))
            || process.info().command().orElse("").startsWith(home.toString())))
        .forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void killNineWhileTwentyWorkflowsRunLosesNothing() throws Exception {
    home = temp.resolve("home");
    marks = home.resolve("marks");
    Files.createDirectories(marks);
    String first = startServer("first");

    Map<String, Kind> submitted = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      String name = "crash-%02d-%s".formatted(i, kind.name().toLowerCase());
      submit(first, name, kind);
      submitted.put(name, kind);
    }
    awaitEveryWorkflowRunning(first, submitted.keySet());
    kill9(servers.getFirst());
    killLostStepProcesses(submitted);

    String second = startServer("second");
    Instant restarted = Instant.now();
    awaitSuspended(second, submitted);
    submitted.forEach((name, kind) -> {
      if (kind == Kind.SUSPEND) {
        put(second, name, "resume");
      }
    });

    // Accepted means durable: every workflow answered 200 before the kill is found again.
    Map<String, JsonNode> finished = awaitAllFinished(second, submitted.keySet());
    // Taken over at once, not after the dead server's 30 s leases ran out.
    assertThat(Duration.between(restarted, Instant.now())).isLessThan(Duration.ofSeconds(20));
    for (Map.Entry<String, Kind> entry : submitted.entrySet()) {
      assertFinishedAsWithoutCrash(entry.getKey(), entry.getValue(),
          finished.get(entry.getKey()));
    }
  }

  /**
   * Item 3 of the brief: {@code navis submit} without {@code --wait} leaves the workflows to a
   * background controller; {@code kill -9} of it, then a plain {@code navis list} starts a new
   * one that finishes them.
   */
  @Test
  void killNineOfTheBackgroundControllerLosesNothing() throws Exception {
    home = temp.resolve("home");
    marks = home.resolve("marks");
    Files.createDirectories(marks);
    System.setProperty("NAVIS_HOME", home.toString());
    System.setProperty("NAVIS_IDLE_EXIT", "2");
    try {
      Map<String, Kind> submitted = new HashMap<>();
      List<Kind> kinds = List.of(Kind.STEPS, Kind.DAG, Kind.RETRY, Kind.FAILING);
      for (int i = 0; i < kinds.size(); i++) {
        String name = "bg-%02d-%s".formatted(i, kinds.get(i).name().toLowerCase());
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, manifest(name, kinds.get(i)));
        assertThat(navis("submit", file.toString())).isZero();
        submitted.put(name, kinds.get(i));
      }
      awaitEveryStepStarted(submitted.keySet());
      ProcessHandle first = backgroundController().orElseThrow(() -> new AssertionError(
          "no background controller for " + home + " among " + controllers()));
      new ProcessBuilder("kill", "-9", Long.toString(first.pid())).start().waitFor();
      first.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(navis("list")).isZero();
      for (Map.Entry<String, Kind> entry : submitted.entrySet()) {
        assertFinishedAsWithoutCrash(entry.getKey(), entry.getValue(),
            awaitFinishedLocally(entry.getKey()));
      }
      assertThat(backgroundController()).isPresent().get().isNotEqualTo(first);
    } finally {
      backgroundController().ifPresent(ProcessHandle::destroyForcibly);
      System.clearProperty("NAVIS_HOME");
      System.clearProperty("NAVIS_IDLE_EXIT");
    }
  }

  private static int navis(String... args) {
    return Main.run(new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), args);
  }

  private JsonNode awaitFinishedLocally(String name) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    JsonNode workflow = getLocally(name);
    while (!done(workflow) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      workflow = getLocally(name);
    }
    assertThat(done(workflow)).as(name + " " + workflow.path("status")).isTrue();
    return workflow;
  }

  private static JsonNode getLocally(String name) throws IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    int code = Main.run(new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(new java.io.StringWriter()), "get", name, "-o", "json");
    assertThat(code).as(out::toString).isZero();
    return JSON.readTree(out.toString());
  }

  /** The background controller of this test's home, found by its environment. */
  private Optional<ProcessHandle> backgroundController() {
    return ProcessHandle.allProcesses()
        .filter(process -> procFile(process, "cmdline").contains("\0controller\0"))
        .filter(process -> environment(process).contains("NAVIS_HOME=" + home + "\0"))
        .findFirst();
  }

  private static List<String> controllers() {
    return ProcessHandle.allProcesses()
        .filter(p -> procFile(p, "cmdline").contains("\0controller\0"))
        .map(p -> p.pid() + " " + procFile(p, "environ").replace('\0', ' ')).toList();
  }

  private static String environment(ProcessHandle process) {
    return procFile(process, "environ");
  }

  /** A file of /proc for the process: its command line and environment, NUL-separated. */
  private static String procFile(ProcessHandle process, String name) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), name),
          java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitEveryStepStarted(Iterable<String> names) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    for (String name : names) {
      while (!Files.exists(marks.resolve(name)) && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(marks.resolve(name)).as(name + " started a step").exists();
    }
  }

  /** The workflow mixes, each with its phase and step executions as if nothing had crashed. */
  enum Kind {
    STEPS, DAG, RETRY, SUSPEND, FAILING, LOST
  }

  private void assertFinishedAsWithoutCrash(String name, Kind kind, JsonNode workflow)
      throws IOException {
    String phase = workflow.path("status").path("phase").asText();
    Map<String, Long> runs = executions(name);
    String described = name + " " + workflow.path("status").toPrettyString();
    switch (kind) {
      case STEPS -> {
        assertThat(phase).as(described).isEqualTo("Succeeded");
        assertThat(runs).as(described).containsExactlyInAnyOrderEntriesOf(
            Map.of("produce", 1L, "consume:42", 1L));
      }
      case DAG -> {
        assertThat(phase).as(described).isEqualTo("Succeeded");
        assertThat(runs).as(described).containsExactlyInAnyOrderEntriesOf(
            Map.of("a", 1L, "b:from-a", 1L, "c:from-a", 1L, "d", 1L));
      }
      case RETRY -> {
        // The first attempt fails on purpose, the retry succeeds: two runs, both expected.
        assertThat(phase).as(described).isEqualTo("Succeeded");
        assertThat(runs).as(described).containsExactlyInAnyOrderEntriesOf(
            Map.of("flaky", 2L, "after", 1L));
      }
      case SUSPEND -> {
        assertThat(phase).as(described).isEqualTo("Succeeded");
        assertThat(runs).as(described).containsExactlyInAnyOrderEntriesOf(
            Map.of("before", 1L, "after", 1L));
      }
      case FAILING -> {
        assertThat(phase).as(described).isEqualTo("Failed");
        assertThat(runs).as(described).containsExactlyInAnyOrderEntriesOf(
            Map.of("doomed", 1L));
        assertThat(messages(workflow)).as(described).contains("Error (exit code 3)");
      }
      case LOST -> {
        // Its process was killed with the server: the run is lost, said so, and retried.
        assertThat(phase).as(described).isEqualTo("Succeeded");
        assertThat(runs).as(described).containsExactlyInAnyOrderEntriesOf(
            Map.of("lost", 2L));
        assertThat(messages(workflow)).as(described)
            .anyMatch(message -> message.contains("exit code is lost"));
      }
    }
  }

  // ---- the workflows ----------------------------------------------------------------------

  private String manifest(String name, Kind kind) {
    String mark = "echo %s >> " + marks.resolve(name);
    String body = switch (kind) {
      case STEPS -> steps(mark);
      case DAG -> dag(mark);
      case RETRY -> retry(mark, marks.resolve(name));
      case SUSPEND -> suspend(mark);
      case FAILING -> failing(mark);
      case LOST -> lost(mark, marks.resolve(name), lostSleep(name));
    };
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: %s}
        spec:
        %s""".formatted(name, body.indent(2));
  }

  /** A step that sleeps past the kill, and its result passed to the next step. */
  private static String steps(String mark) {
    return """
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: produce, template: produce}
          - - name: consume
              template: consume
              arguments: {parameters: [{name: v, value: '{{steps.produce.outputs.result}}'}]}
        - name: produce
          script: {image: busybox, command: [sh], source: '%s; sleep 3; echo 42'}
        - name: consume
          inputs: {parameters: [{name: v}]}
          script: {image: busybox, command: [sh], source: '%s'}
        """.formatted(mark.formatted("produce"),
            mark.formatted("consume:{{inputs.parameters.v}}"));
  }

  /** A DAG whose first task sleeps past the kill and passes an output parameter on. */
  private static String dag(String mark) {
    return """
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - {name: a, template: a}
            - {name: b, template: use, depends: a,
               arguments: {parameters: [{name: who, value: b},
                 {name: v, value: '{{tasks.a.outputs.parameters.out}}'}]}}
            - {name: c, template: use, depends: a,
               arguments: {parameters: [{name: who, value: c},
                 {name: v, value: '{{tasks.a.outputs.parameters.out}}'}]}}
            - {name: d, template: d, depends: b && c}
        - name: a
          script: {image: busybox, command: [sh], source: '%s; sleep 3; echo from-a > out.txt'}
          outputs: {parameters: [{name: out, valueFrom: {path: out.txt}}]}
        - name: use
          inputs: {parameters: [{name: who}, {name: v}]}
          script: {image: busybox, command: [sh], source: 'sleep 1; %s'}
        - name: d
          script: {image: busybox, command: [sh], source: '%s'}
        """.formatted(mark.formatted("a"),
            mark.formatted("{{inputs.parameters.who}}:{{inputs.parameters.v}}"),
            mark.formatted("d"));
  }

  /** A step that fails its first run (across the kill) and succeeds on its retry. */
  private static String retry(String mark, Path marks) {
    return """
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: flaky, template: flaky}
          - - {name: after, template: after}
        - name: flaky
          retryStrategy: {limit: 3, retryPolicy: OnFailure}
          script:
            image: busybox
            command: [sh]
            source: |
              %s
              sleep 2
              test "$(grep -c flaky %s)" -ge 2
        - name: after
          script: {image: busybox, command: [sh], source: '%s'}
        """.formatted(mark.formatted("flaky"), marks, mark.formatted("after"));
  }

  /** A suspend reached after the restart, resumed over the API. */
  private static String suspend(String mark) {
    return """
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: before, template: before}
          - - {name: wait, template: wait}
          - - {name: after, template: after}
        - name: before
          script: {image: busybox, command: [sh], source: '%s; sleep 1'}
        - name: wait
          suspend: {}
        - name: after
          script: {image: busybox, command: [sh], source: '%s'}
        """.formatted(mark.formatted("before"), mark.formatted("after"));
  }

  /** A step whose failure (exit code 3) comes after the restart. */
  private static String failing(String mark) {
    return """
        entrypoint: doomed
        templates:
        - name: doomed
          script: {image: busybox, command: [sh], source: '%s; sleep 3; exit 3'}
        """.formatted(mark.formatted("doomed"));
  }

  /** A step killed with the server; its retry (policy Always) ends at once. */
  private static String lost(String mark, Path marks, String sleep) {
    return """
        entrypoint: lost
        templates:
        - name: lost
          retryStrategy: {limit: 2, retryPolicy: Always}
          script:
            image: busybox
            command: [sh]
            source: |
              %s
              if [ "$(grep -c lost %s)" -lt 2 ]; then sleep %s; fi
        """.formatted(mark.formatted("lost"), marks, sleep);
  }

  // ---- the server processes ---------------------------------------------------------------

  private String startServer(String label) throws Exception {
    Path log = home.resolve("server-" + label + ".log");
    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "server", "--port", "0");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(log.toFile())
        .redirectErrorStream(true);
    builder.environment().put("NAVIS_HOME", home.toString());
    builder.environment().remove("NAVIS_STORE");
    builder.environment().remove("NAVIS_SERVER");
    Process server = builder.start();
    servers.add(server);

    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      Matcher port = PORT.matcher(Files.readString(log));
      if (port.find()) {
        return "http://127.0.0.1:" + port.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server " + label + " did not start: " + Files.readString(log));
  }

  private static void kill9(Process server) throws Exception {
    new ProcessBuilder("kill", "-9", Long.toString(server.pid())).start().waitFor();
    server.waitFor();
  }

  /**
   * The LOST kind's step dies with the server, supervisor and all, so its end is unknowable:
   * its {@code sleep} is found by its unique duration, then every ancestor up to the
   * supervisor is killed.
   */
  private void killLostStepProcesses(Map<String, Kind> submitted) {
    submitted.forEach((name, kind) -> {
      if (kind == Kind.LOST) {
        String marker = lostSleep(name);
        List<ProcessHandle> sleeps = ProcessHandle.allProcesses()
            .filter(process -> arguments(process).contains(marker)).toList();
        assertThat(sleeps).as("the sleep of " + name).isNotEmpty();
        sleeps.forEach(CrashRecoveryTest::killUpToSupervisor);
      }
    });
  }

  private static void killUpToSupervisor(ProcessHandle process) {
    List<ProcessHandle> chain = new ArrayList<>();
    for (ProcessHandle at = process; at != null; at = at.parent().orElse(null)) {
      chain.add(at);
      if (isSupervisor(at)) {
        break;
      }
    }
    assertThat(isSupervisor(chain.getLast())).as("a supervisor above " + process).isTrue();
    chain.reversed().forEach(ProcessHandle::destroyForcibly);
  }

  /** The shell supervisor names itself in its arguments; the native one is its program. */
  private static boolean isSupervisor(ProcessHandle process) {
    return arguments(process).contains("navis-supervisor")
        || process.info().command().orElse("").endsWith("/navis-supervisor");
  }

  private static List<String> arguments(ProcessHandle process) {
    return process.info().arguments().map(List::of).orElse(List.of());
  }

  private static String lostSleep(String name) {
    return "30." + name.substring("crash-".length(), "crash-".length() + 2);
  }

  // ---- the API ----------------------------------------------------------------------------

  private void submit(String server, String name, Kind kind) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.set("workflow", Codec.yaml().readTree(manifest(name, kind)));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create(server + "/api/v1/workflows/default"))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static JsonNode get(String server, String name) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create(server + "/api/v1/workflows/default/" + name)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot get workflow " + name, e);
    }
  }

  private static void put(String server, String name, String verb) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create(server + "/api/v1/workflows/default/" + name + "/" + verb))
          .PUT(HttpRequest.BodyPublishers.ofString("{}"))
          .header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot " + verb + " workflow " + name, e);
    }
  }

  // ---- waiting ----------------------------------------------------------------------------

  /** Until each workflow has started a step (its marker file exists), so the kill hits them. */
  private void awaitEveryWorkflowRunning(String server, Iterable<String> names)
      throws Exception {
    awaitEveryStepStarted(names);
    for (String name : names) {
      assertThat(get(server, name).path("status").path("phase").asText()).as(name)
          .isEqualTo("Running");
    }
  }

  private void awaitSuspended(String server, Map<String, Kind> submitted) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    for (Map.Entry<String, Kind> entry : submitted.entrySet()) {
      if (entry.getValue() != Kind.SUSPEND) {
        continue;
      }
      while (!waiting(get(server, entry.getKey())) && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(waiting(get(server, entry.getKey()))).as(entry.getKey()).isTrue();
    }
  }

  private static boolean waiting(JsonNode workflow) {
    for (JsonNode node : workflow.path("status").path("nodes")) {
      if (node.path("type").asText().equals("Suspend")
          && node.path("phase").asText().equals("Running")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, JsonNode> awaitAllFinished(String server, Iterable<String> names)
      throws Exception {
    Map<String, JsonNode> finished = new HashMap<>();
    Instant deadline = Instant.now().plusSeconds(30);
    for (String name : names) {
      JsonNode workflow = get(server, name);
      while (!done(workflow) && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
        workflow = get(server, name);
      }
      assertThat(done(workflow)).as(name + " " + workflow.path("status")).isTrue();
      finished.put(name, workflow);
    }
    return finished;
  }

  private static boolean done(JsonNode workflow) {
    String phase = workflow.path("status").path("phase").asText();
    return List.of("Succeeded", "Failed", "Error").contains(phase);
  }

  private Map<String, Long> executions(String name) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    Files.readAllLines(marks.resolve(name)).forEach(line -> counts.merge(line, 1L, Long::sum));
    return counts;
  }

  private static List<String> messages(JsonNode workflow) {
    List<String> messages = new ArrayList<>();
    workflow.path("status").path("nodes").forEach(node -> messages.add(
        node.path("message").asText()));
    return messages;
  }
}
