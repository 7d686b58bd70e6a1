package dev.navis.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host program for the tests and hands back what it printed. */
final class HostCommand {

  private static final long TIMEOUT_SECONDS = 60;

  private HostCommand() {}

  /** What the program printed on stdout; fails the test when it exits non-zero. */
  static String run(List<String> argv) {
    return run(argv, null);
  }

  /** Like {@link #run(List)}, with {@code stdin} (may be null) fed to the program. */
  static String run(List<String> argv, Path stdin) {
    Result result = attempt(argv, stdin);
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", argv) + " exited " + result.exitCode()
          + ": " + result.stderr());
    }
    return result.stdout();
  }

  /** One run's exit code and output; a program that cannot start exits 127, as in a shell. */
  record Result(int exitCode, String stdout, String stderr) {}

  static Result attempt(List<String> argv, Path stdin) {
    try {
      Path out = Files.createTempFile("navis-command", ".out");
      Path err = Files.createTempFile("navis-command", ".err");
      ProcessBuilder builder = new ProcessBuilder(argv)
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
      int exitCode = waitFor(builder.start(), argv);
      Result result = new Result(exitCode, Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException notStarted) {
      return new Result(127, "", notStarted.getMessage());
    }
  }

  private static int waitFor(Process process, List<String> argv) {
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", argv) + " still runs after "
            + TIMEOUT_SECONDS + " s");
      }
      return process.exitValue();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while waiting for " + argv.getFirst(), interrupted);
    }
  }
}
