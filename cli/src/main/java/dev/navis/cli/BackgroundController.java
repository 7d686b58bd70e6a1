package dev.navis.cli;

import dev.navis.controller.NavisConfig;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller that runs workflows nobody waits for: a detached {@code navis controller}
 * process, started on demand, that exits once it has been idle for a while. A file lock makes
 * it one per Navis home; claims in the store would keep two from running one workflow anyway.
 */
final class BackgroundController {

  static final String LOCK_FILE = "controller.lock";
  static final int IDLE_EXIT_SECONDS = 10;

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

  /** Starts the background controller unless one already holds the lock. */
  static void ensureRunning(NavisConfig config) throws IOException {
    Files.createDirectories(config.home());
    if (isRunning(config.home())) {
      return;
    }
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid"); // out of the terminal's process group: Ctrl-C spares it
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
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
    builder
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .redirectErrorStream(true)
        .start();
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
    }
    return lock;
  }
}
