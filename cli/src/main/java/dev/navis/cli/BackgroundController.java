package dev.navis.cli;

import dev.navis.controller.NavisConfig;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controller that runs workflows nobody waits for: a detached {@code navis controller}
 * process, started on demand, that exits once it has been idle for a while. A file lock makes
 * it one per Navis home; claims in the store would keep two from running one workflow anyway.
 *
 * <p>Once its store is open it writes {@link #READY} into the lock file. A command that starts
 * it waits for that before exiting: the controller then owns the embedded store, and the next
 * commands reach it through the controller instead of taking the file over from each other.
 */
final class BackgroundController {

  static final String LOCK_FILE = "controller.lock";
  static final int IDLE_EXIT_SECONDS = 10;

  private static final String READY = "ready";

  // A JVM start and a store open take ~0.7 s here; past this the command leaves it be.
  private static final Duration READY_PATIENCE = Duration.ofSeconds(5);
  private static final long READY_POLL_MILLIS = 20;

  private BackgroundController() {}

  /** Seconds of idleness before the background controller exits: NAVIS_IDLE_EXIT, or 10. */
  static int idleExitSeconds() {
    String given = System.getProperty("NAVIS_IDLE_EXIT", System.getenv("NAVIS_IDLE_EXIT"));
    try {
      return given == null ? IDLE_EXIT_SECONDS : Integer.parseInt(given.trim());
    } catch (NumberFormatException e) {
      throw new UserException("NAVIS_IDLE_EXIT must be a whole number of seconds, found \""
          + given + "\"");
    }
  }

  /** Whether a background controller holds the lock of this home now. */
  static boolean running(Path home) throws IOException {
    return Files.isDirectory(home) && isRunning(home);
  }

  /**
   * Starts the background controller unless one already holds the lock, and waits (a few
   * seconds at most) until it has its store open. Call it with this process's store closed.
   */
  static void ensureRunning(NavisConfig config) throws IOException {
    start(config).ifPresent(started -> awaitReady(config.home(), started));
  }

  /** Starts the background controller unless one already holds the lock; does not wait. */
  static Optional<Process> start(NavisConfig config) throws IOException {
    Files.createDirectories(config.home());
    if (isRunning(config.home())) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid"); // out of the terminal's process group: Ctrl-C spares it
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // The options bin/navis gave this JVM (AOT cache, collector, compiler), one per line: a
    // controller without its AOT cache takes twice as long to start.
    String flags = System.getenv("NAVIS_JVM_FLAGS");
    if (flags != null) {
      flags.lines().filter(flag -> !flag.isBlank()).forEach(command::add);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("controller");
    command.add("--idle-exit=" + idleExitSeconds());
    File log = config.home().resolve("controller.log").toFile();
    ProcessBuilder builder = new ProcessBuilder(command);
    // The child runs on exactly this configuration, however this process came by it.
    builder.environment().put("NAVIS_HOME", config.home().toString());
    builder.environment().put("NAVIS_STORE", config.storeUrl());
    builder.environment().put("NAVIS_NAMESPACE", config.namespace());
    return Optional.of(builder
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .redirectErrorStream(true)
        .start());
  }

  private static void awaitReady(Path home, Process started) {
    long giveUpAt = System.nanoTime() + READY_PATIENCE.toNanos();
    while (started.isAlive() && System.nanoTime() < giveUpAt && !ready(home)) {
      try {
        Thread.sleep(READY_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Whether a background controller holds the lock and has its store open. */
  static boolean ready(Path home) {
    try {
      return Files.readString(home.resolve(LOCK_FILE)).startsWith(READY) && isRunning(home);
    } catch (IOException e) {
      return false;
    }
  }

  /** Says, through the lock file that {@code lock} holds, that this controller's store is open. */
  static void markReady(FileLock lock) throws IOException {
    FileChannel channel = lock.channel();
    channel.write(ByteBuffer.wrap((READY + " " + ProcessHandle.current().pid() + "\n")
        .getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
  }

  private static boolean isRunning(Path home) throws IOException {
    try (FileChannel channel = FileChannel.open(home.resolve(LOCK_FILE),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very process holds it
    }
  }

  /** Holds the lock for the life of the calling process; null when another holds it. */
  static FileLock acquire(Path home) throws IOException {
    Files.createDirectories(home);
    FileChannel channel = FileChannel.open(home.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      return null;
    }
    channel.truncate(0); // what an earlier controller wrote says nothing of this one
    return lock;
  }
}
