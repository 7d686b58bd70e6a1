package dev.navis.executor.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of a node as a host process: spawned here, or found again after a restart.
 * Its end completes {@link #end()} once, and its exit code is written to the node's folder
 * whether or not anyone still listens.
 */
final class ContainerRun {

  private static final Logger log = LoggerFactory.getLogger(ContainerRun.class);

  /** How the container ended; {@code exitCode} null when it never ran or its code was lost. */
  record End(String phase, Integer exitCode, String message, Instant startedAt,
      Instant finishedAt) {}

  // A process that ended may leave children holding its stdout; wait for them this long.
  private static final Duration OUTPUT_DRAIN = Duration.ofMillis(500);

  // After a restart, the old server's thread may still be writing the exit code.
  private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(2);

  private final ContainerSpec spec;
  private final NodeFolder folder;
  private final Executor threads;
  private final CompletableFuture<End> end = new CompletableFuture<>();
  private volatile ProcessHandle process;
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

  Instant startedAt() {
    return startedAt;
  }

  /** Starts the planned process; a process that cannot start ends the container in Error. */
  void spawn(ProcessPlan plan, boolean sandboxed) {
    this.sandboxed = sandboxed;
    appendNotes(plan.notes());
    ProcessBuilder builder = new ProcessBuilder(plan.argv())
        .directory(plan.cwd().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(plan.env());

    Process started;
    try {
      startedAt = Instant.now();
      started = builder.start();
    } catch (IOException e) {
      endWithoutRunning("Error", "cannot start " + plan.argv().get(0) + ": " + e.getMessage());
      return;
    }
    process = started.toHandle();

    // Both streams are pumped, not redirected, so that a step that prints nothing leaves no
    // file behind (see ContainerOutput).
    ContainerOutput output = new ContainerOutput(folder, name());
    List<Thread> pumps = List.of(
        pump("navis-stdout-", started.getInputStream(), output::writeStdout),
        pump("navis-stderr-", started.getErrorStream(), output::writeLog));
    started.onExit().thenRunAsync(() -> recordExit(started, pumps, output), threads);
  }

  /** Watches a process that an earlier server started; its exit code comes from the folder. */
  void attach(ProcessHandle running, Instant startedAt, boolean sandboxed) {
    this.process = running;
    this.startedAt = startedAt;
    this.sandboxed = sandboxed;
    running.onExit().thenRunAsync(this::collectAfterAttach, threads);
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

    CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit)
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      root.descendants().forEach(ProcessHandle::destroyForcibly);
      tree.forEach(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread pump(String kind, InputStream stream, Sink sink) {
    return Thread.ofVirtual().name(kind + name()).start(() -> copy(stream, sink));
  }

  /** Takes a chunk of output; {@code length} bytes of {@code bytes} are valid. */
  private interface Sink {
    void write(byte[] bytes, int length) throws IOException;
  }

  private static void copy(InputStream stream, Sink sink) {
    byte[] buffer = new byte[8192];
    try (InputStream in = stream) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sink.write(buffer, read);
      }
    } catch (IOException e) {
      // The stream was closed after the process ended while a child still held it open.
    }
  }

  private void recordExit(Process ended, List<Thread> pumps, ContainerOutput output) {
    try {
      if (!joinAll(pumps, OUTPUT_DRAIN)) {
        // A child the process left behind still holds its output open; as when a pod's main
        // container ends, the node ends now and the child's later output is not waited for.
        Thread.ofVirtual().start(() -> closeQuietly(ended));
        joinAll(pumps, OUTPUT_DRAIN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    output.close();
    int exitCode = ended.exitValue();
    try {
      folder.writeExitCode(name(), exitCode);
    } catch (RuntimeException e) {
      // Only a later recovery needs the file; the end is still reported now.
      log.atWarn().addKeyValue("folder", folder.root()).addKeyValue("container", name())
          .setCause(e).log("cannot record exit code");
    }
    end.complete(endOf(exitCode, Instant.now()));
  }

  private static boolean joinAll(List<Thread> pumps, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (Thread pump : pumps) {
      long left = Math.max(1, deadline - System.nanoTime());
      if (!pump.join(Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  private static void closeQuietly(Process ended) {
    for (InputStream stream : List.of(ended.getInputStream(), ended.getErrorStream())) {
      try {
        stream.close();
      } catch (IOException e) {
        // Closing only unblocks a pump; a failure to close changes nothing.
      }
    }
  }

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
