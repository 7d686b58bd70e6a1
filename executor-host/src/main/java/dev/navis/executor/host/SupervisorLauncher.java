package dev.navis.executor.host;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code navis-supervisor --serve} process that forks the supervisors of an executor's
 * containers on request. Forking from that small process, instead of spawning a program per
 * container from this large one, saves the JDK's launch helper and an exec per container. The
 * supervisors are the launcher's children, in sessions of their own: they outlive it and this
 * server alike, and write their exit codes to the node folders either way.
 *
 * <p>The request and answer format is described in {@code src/main/c/navis-supervisor.c}.
 */
final class SupervisorLauncher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SupervisorLauncher.class);

  // A fork and an exec; anything near this long means the launcher is stuck.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  // A supervisor whose end the launcher could not report and that left no exit code was, in
  // all likelihood, killed: report it as SIGKILL would.
  private static final int UNKNOWN_END = 128 + 9;

  private final Process launcher;
  private final OutputStream requests;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<String, CompletableFuture<Launched>> starting = new ConcurrentHashMap<>();
  private final Map<Long, Launched> running = new ConcurrentHashMap<>();
  private volatile boolean ended;

  private SupervisorLauncher(Process launcher) {
    this.launcher = launcher;
    this.requests = launcher.getOutputStream();
    Thread.ofPlatform().daemon().name("navis-supervisor-launcher").start(this::readAnswers);
  }

  /** Starts the launcher of the native supervisor at {@code binary}. */
  static SupervisorLauncher start(Path binary) throws IOException {
    Process launcher = new ProcessBuilder(binary.toString(), "--serve")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    return new SupervisorLauncher(launcher);
  }

  boolean alive() {
    return !ended;
  }

  /** The request never reached a running launcher: nothing started, so another way may try. */
  static final class NotSent extends IOException {
    NotSent(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Starts {@code argv} under a supervisor that records into the three files; returns once the
   * program runs.
   *
   * @throws NotSent when the launcher has ended and nothing was started
   * @throws IOException when it could not start, with the operating system's reason as the
   *     JDK gives it ({@code error=7, Argument list too long})
   */
  SupervisedProcess launch(List<String> argv, Map<String, String> env, Path cwd,
      Path exitCode, Path log, Path stdout) throws IOException {
    String id = Long.toString(nextId.incrementAndGet());
    CompletableFuture<Launched> answer = new CompletableFuture<>();
    starting.put(id, answer);
    try {
      if (ended) {
        throw new NotSent("the supervisor launcher has ended", null);
      }
      send(request(id, argv, env, cwd, exitCode, log, stdout));
      return answer.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the supervisor launcher did not answer in " + START_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting", e);
    } finally {
      starting.remove(id);
    }
  }

  private static byte[] request(String id, List<String> argv, Map<String, String> env,
      Path cwd, Path exitCode, Path log, Path stdout) {
    List<String> fields = new ArrayList<>(List.of(id, cwd.toString(), exitCode.toString(),
        log.toString(), stdout.toString(), Integer.toString(argv.size())));
    fields.addAll(argv);
    env.forEach((name, value) -> fields.add(name + "=" + value));

    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (String field : fields) {
      payload.writeBytes(field.getBytes(StandardCharsets.UTF_8));
      payload.write(0);
    }
    byte[] header = (payload.size() + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(header.length + payload.size());
    frame.writeBytes(header);
    frame.writeBytes(payload.toByteArray());
    return frame.toByteArray();
  }

  private synchronized void send(byte[] frame) throws NotSent {
    try {
      requests.write(frame);
      requests.flush();
    } catch (IOException e) {
      throw new NotSent("the supervisor launcher is gone", e);
    }
  }

  private void readAnswers() {
    try (BufferedReader answers = new BufferedReader(
        new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = answers.readLine()) != null; ) {
        answer(line.split(" ", 4));
      }
    } catch (IOException | UncheckedIOException e) {
      log.atDebug().addKeyValue("reason", e.toString()).log("supervisor launcher unreadable");
    }
    lost();
  }

  private void answer(String[] words) {
    switch (words[0]) {
      case "started" -> {
        Launched launched = new Launched(Long.parseLong(words[2]));
        running.put(launched.pid(), launched);
        complete(words[1], launched);
      }
      case "failed" -> failed(words[1], "error=" + words[2] + ", "
          + (words.length > 3 ? words[3] : "unknown"));
      case "ended" -> {
        Launched launched = running.remove(Long.parseLong(words[1]));
        if (launched != null) {
          launched.exit.complete(Integer.parseInt(words[2]));
        }
      }
      default -> log.atWarn().addKeyValue("answer", String.join(" ", words))
          .log("supervisor launcher said something unknown");
    }
  }

  private void complete(String id, Launched launched) {
    CompletableFuture<Launched> waiting = starting.get(id);
    if (waiting != null) {
      waiting.complete(launched);
    }
  }

  private void failed(String id, String reason) {
    CompletableFuture<Launched> waiting = starting.get(id);
    if (waiting != null) {
      waiting.completeExceptionally(new IOException(reason));
    }
  }

  /**
   * The launcher ended (killed, or this executor closed it). A request it never answered may
   * or may not have started, so it fails rather than running twice; supervisors already
   * running are watched directly, and their exit codes read from their folders as usual.
   */
  private void lost() {
    ended = true;
    starting.values().forEach(waiting -> waiting.completeExceptionally(new IOException(
        "the supervisor launcher ended before it said whether the container started")));
    for (Launched launched : running.values()) {
      launched.handle().ifPresentOrElse(
          process -> process.onExit().thenRun(() -> launched.exit.complete(UNKNOWN_END)),
          () -> launched.exit.complete(UNKNOWN_END));
    }
    running.clear();
  }

  /** Closes the launcher's input, which ends it; the supervisors it started run on. */
  @Override
  public void close() {
    try {
      requests.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  /** A supervisor the launcher forked, whose end the launcher reports. */
  private static final class Launched implements SupervisedProcess {

    private final long pid;
    private final Optional<ProcessHandle> handle;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Launched(long pid) {
      this.pid = pid;
      this.handle = ProcessHandle.of(pid);
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public Optional<ProcessHandle> handle() {
      return handle;
    }

    @Override
    public boolean waitFor(Duration timeout) {
      try {
        exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }

    @Override
    public int exitValue() {
      return exit.join();
    }
  }
}
