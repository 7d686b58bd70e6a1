package dev.navis.executor.host;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A container's {@link Supervisor} process, however it was started. */
interface SupervisedProcess {

  long pid();

  /** The process, to signal it and its descendants; empty when it ended before it was seen. */
  Optional<ProcessHandle> handle();

  /** Waits up to {@code timeout} for the supervisor to end; true once it has. */
  boolean waitFor(Duration timeout);

  /** The supervisor's exit code; only after {@link #waitFor} said it ended. */
  int exitValue();

  /**
   * Spawns {@code argv} (the supervisor and its arguments) from this JVM, in {@code cwd} with
   * exactly {@code env}, its stdin empty and its own complaints appended to {@code log}.
   */
  static SupervisedProcess spawn(List<String> argv, Map<String, String> env, File cwd,
      File log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv)
        .directory(cwd)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.appendTo(log));
    builder.environment().clear();
    builder.environment().putAll(env);
    return new Spawned(builder.start());
  }

  /** A supervisor that is this JVM's own child. */
  record Spawned(Process process) implements SupervisedProcess {

    // Process.waitFor is woken by the JDK's reaper thread itself, where onExit() hops through
    // the common pool first: one thread less to wake per node end on a busy machine. Before
    // JDK 24 a virtual thread waiting in it would pin its carrier, so there onExit() stays.
    private static final boolean WAIT_UNMOUNTS = Runtime.version().feature() >= 24;

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public Optional<ProcessHandle> handle() {
      return Optional.of(process.toHandle());
    }

    @Override
    public boolean waitFor(Duration timeout) {
      try {
        if (WAIT_UNMOUNTS) {
          return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        return !process.isAlive();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }

    @Override
    public int exitValue() {
      return process.exitValue();
    }
  }
}
