package dev.navis.executor.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of a node as a host process: spawned here, or found again after a restart.
 * Its end completes {@link #end()} once, and its exit code is written to the node's folder
 * by its {@link Supervisor} whether or not anyone still listens.
 */
final class ContainerRun {

  /**
   * The operating system's reason at the end of the JDK's message: {@code error=7, Argument
   * list too long} or, from JDK 24 on, {@code error: 7 (Argument list too long)}.
   */
  private static final Pattern OS_ERROR =
      Pattern.compile("error(?:=|: )(\\d+)(?:, | \\()([^)]*?)\\)?\\s*$");


  private static final Logger log = LoggerFactory.getLogger(ContainerRun.class);

  /** How the container ended; {@code exitCode} null when it never ran or its code was lost. */
  record End(String phase, Integer exitCode, String message, Instant startedAt,
      Instant finishedAt) {}

  // A process that ended may leave children holding its stdout; wait for them this long.
  private static final Duration OUTPUT_DRAIN = Duration.ofMillis(500);

  // How often a plain container's recorded exit code is looked for, against such children
  // (a sandboxed container's children end with it).
  private static final Duration EXIT_POLL = Duration.ofSeconds(1);

  // How often a stop looks whether the processes it signalled have ended, and how often a
  // process found again after a restart is looked at: it may run for hours.
  private static final Duration KILL_POLL = Duration.ofMillis(10);
  private static final Duration ATTACH_POLL = Duration.ofMillis(100);

  // After a restart, the old server's thread may still be writing the exit code.
  private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(2);

  private final ContainerSpec spec;
  private final NodeFolder folder;
  private final Executor threads;
  private final CompletableFuture<End> end = new CompletableFuture<>();
  private volatile ProcessHandle process;
  private volatile long pid;
  private volatile long pidStartMillis;
  private volatile boolean sandboxed;
  private volatile Instant startedAt;

  ContainerRun(ContainerSpec spec, NodeFolder folder, Executor threads) {
    this.spec = spec;
    this.folder = folder;
    this.threads = threads;
  }

  String name() {
    return spec.name();
  }

  ContainerSpec spec() {
    return spec;
  }

  CompletableFuture<End> end() {
    return end;
  }

  ProcessHandle process() {
    return process;
  }

  /** The supervisor's pid, 0 before it started; kept after it ended, for a later recovery. */
  long pid() {
    return pid;
  }

  /** When the supervisor started, as the host reports it; -1 when unknown. */
  long pidStartMillis() {
    return pidStartMillis;
  }

  Instant startedAt() {
    return startedAt;
  }

  /**
   * Starts the planned process under its {@link Supervisor}; a process that cannot start ends
   * the container in Error.
   */
  void spawn(ProcessPlan plan, Supervisor supervisor, boolean sandboxed) {
    this.sandboxed = sandboxed;
    appendNotes(plan.notes());

    SupervisedProcess started;
    try {
      startedAt = Instant.now();
      started = supervisor.start(plan, folder, name());
    } catch (IOException e) {
      endWithoutRunning("Error", startFailure(plan, e));
      return;
    }
    process = started.handle().orElse(null);
    pid = started.pid();
    pidStartMillis = process == null ? -1 : NodeRun.startMillis(process);
    threads.execute(() -> recordExit(started));
  }

  /**
   * Why a process could not start, in the user's terms: the JDK names the supervisor's program
   * and the folder, which say nothing about what the template asked for.
   */
  private static String startFailure(ProcessPlan plan, IOException e) {
    String reason = String.valueOf(e.getMessage());
    Matcher errno = OS_ERROR.matcher(reason);
    if (errno.find()) {
      reason = errno.group(2);
    }
    String start = "cannot start " + plan.argv().get(0) + ": " + reason;
    if (errno.find(0) && errno.group(1).equals("7")) {
      long bytes = plan.argv().stream().mapToLong(String::length).sum()
          + plan.env().entrySet().stream()
              .mapToLong(entry -> entry.getKey().length() + entry.getValue().length()).sum();
      return start + " (its arguments and environment hold " + bytes + " bytes; pass large "
          + "values through a file or an artifact)";
    }
    return start;
  }

  /** Watches a process that an earlier server started; its exit code comes from the folder. */
  void attach(ProcessHandle running, Instant startedAt, boolean sandboxed) {
    this.process = running;
    this.pid = running.pid();
    this.pidStartMillis = NodeRun.startMillis(running);
    this.startedAt = startedAt;
    this.sandboxed = sandboxed;
    threads.execute(() -> {
      awaitEnd(List.of(running), Duration.ofDays(365), ATTACH_POLL);
      collectAfterAttach();
    });
  }

  /** Ends the container from what its folder recorded when it ended unwatched. */
  void endRecorded(NodeFolder.RecordedExit exit, Instant startedAt) {
    this.startedAt = startedAt;
    end.complete(endOf(exit.exitCode(), exit.at()));
  }

  void endWithoutRunning(String phase, String message) {
    Instant now = Instant.now();
    end.complete(new End(phase, null, message, startedAt == null ? now : startedAt, now));
  }

  /**
   * Ends the process and everything it started: SIGTERM first, SIGKILL for what is left after
   * {@code grace}. Blocks for at most about {@code grace}.
   */
  void kill(Duration grace) {
    ProcessHandle root = process;
    if (root == null || !root.isAlive()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.forEach(ProcessHandle::destroy);
    // The sandbox's own process would kill its child at once; let the child go first.
    if (!sandboxed || tree.isEmpty()) {
      root.destroy();
    }
    tree.add(root);

    if (!awaitEnd(tree, grace, KILL_POLL)) {
      root.descendants().forEach(ProcessHandle::destroyForcibly);
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  // Polled rather than onExit(): for a process that is not this JVM's child (the command, a
  // supervisor forked by the launcher or found after a restart) the JDK first sleeps 300 ms,
  // then longer each time.
  private static boolean awaitEnd(List<ProcessHandle> processes, Duration grace,
      Duration poll) {
    Instant deadline = Instant.now().plus(grace);
    while (processes.stream().anyMatch(ContainerRun::running)) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return true;
  }

  /**
   * Whether the process still runs. The JDK counts a zombie as alive, and a child that outlived
   * its parent stays one for good where init does not reap orphans (in some containers).
   */
  private static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // pid (command) state ...: the command may hold spaces and parentheses itself.
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return process.isAlive(); // no /proc here, or the process just went: ask again
    }
  }

  /**
   * Waits for the supervisor to end, which is after its output is drained. A child the process
   * left behind may hold that output open; as when a pod's main container ends, the container
   * then ends once its exit code is recorded and the output had a moment to settle.
   */
  private void recordExit(SupervisedProcess supervisor) {
    Duration poll = sandboxed ? Duration.ofDays(1) : EXIT_POLL;
    boolean ended = supervisor.waitFor(poll);
    while (!ended && folder.readExitCode(name()).isEmpty()) {
      ended = supervisor.waitFor(poll);
    }
    if (!ended) {
      supervisor.waitFor(OUTPUT_DRAIN);
    }

    Optional<NodeFolder.RecordedExit> recorded = folder.readExitCode(name());
    if (recorded.isPresent()) {
      end.complete(endOf(recorded.get().exitCode(), Instant.now()));
      return;
    }
    // Killed before it could record anything (a stop): the supervisor's own status stands.
    int exitCode = supervisor.exitValue();
    try {
      folder.writeExitCode(name(), exitCode);
    } catch (RuntimeException e) {
      // Only a later recovery needs the file; the end is still reported now.
      log.atWarn().addKeyValue("folder", folder.root()).addKeyValue("container", name())
          .setCause(e).log("cannot record exit code");
    }
    end.complete(endOf(exitCode, Instant.now()));
  }

  // TODO: a child left holding the output keeps a re-attached supervisor alive, so such a
  // node ends only with that child; the polling of recordExit would need the exit code file.
  private void collectAfterAttach() {
    Instant deadline = Instant.now().plus(EXIT_CODE_WAIT);
    while (Instant.now().isBefore(deadline)) {
      var recorded = folder.readExitCode(name());
      if (recorded.isPresent()) {
        end.complete(endOf(recorded.get().exitCode(), recorded.get().at()));
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    endWithoutRunning("Error", "the process of container \"" + name()
        + "\" ended while no server watched it; its exit code is lost");
  }

  private End endOf(int exitCode, Instant finishedAt) {
    Instant started = startedAt == null ? finishedAt : startedAt;
    if (exitCode == 0) {
      return new End("Succeeded", 0, null, started, finishedAt);
    }
    return new End("Failed", exitCode, "Error (exit code " + exitCode + ")", started, finishedAt);
  }

  private void appendNotes(List<String> notes) {
    if (notes.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    notes.forEach(note -> text.append("navis: ").append(note).append('\n'));
    try {
      Files.writeString(folder.log(name()), text, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The notes also reach the node's message when it fails; the log is a convenience.
    }
  }
}
