package dev.navis.executor.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each node a private {@code /tmp} with bubblewrap when it is installed and works here.
 *
 * <p>The flags: {@code --dev-bind / /} keeps the host's file system as it is;
 * {@code --bind <node>/tmp /tmp} gives the node its own {@code /tmp}; {@code --unshare-pid} and
 * {@code --proc /proc} put the node in its own pid namespace, so when its first process ends
 * the kernel ends every process it left behind; {@code --die-with-parent} ends the node with
 * the server rather than leaving orphans whose exit code nobody can collect.
 */
final class Sandbox {

  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  private final Optional<Path> bwrap;

  private Sandbox(Optional<Path> bwrap) {
    this.bwrap = bwrap;
  }

  /** Uses bubblewrap when it is on the PATH and a trial run succeeds; else warns once. */
  static Sandbox detect() {
    Optional<Path> bwrap = CommandPath.find("bwrap", System.getenv("PATH"));
    if (bwrap.isPresent() && works(bwrap.get())) {
      return new Sandbox(bwrap);
    }
    log.atWarn()
        .addKeyValue("bwrap", bwrap.map(Path::toString).orElse("not installed"))
        .log("bubblewrap unusable: nodes run as plain processes and share the host's /tmp");
    return new Sandbox(Optional.empty());
  }

  static Sandbox none() {
    return new Sandbox(Optional.empty());
  }

  boolean enabled() {
    return bwrap.isPresent();
  }

  /** The argument vector that runs {@code argv} with {@code privateTmp} as its /tmp. */
  List<String> wrap(List<String> argv, Path privateTmp) {
    if (bwrap.isEmpty()) {
      return argv;
    }
    return command(bwrap.get(), privateTmp, argv);
  }

  /**
   * Where a path the container sees is on the host: under {@code /tmp} in the node's private
   * tmp when sandboxed; relative paths from the working folder.
   */
  static Path hostPath(String containerPath, boolean sandboxed, NodeFolder folder, Path cwd) {
    Path path = Path.of(containerPath);
    if (!path.isAbsolute()) {
      return cwd.resolve(path);
    }
    Path normal = path.normalize();
    Path tmp = Path.of("/tmp");
    if (sandboxed && normal.startsWith(tmp)) {
      return folder.tmp().resolve(tmp.relativize(normal).toString());
    }
    return normal;
  }

  private static List<String> command(Path bwrap, Path privateTmp, List<String> argv) {
    List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--dev-bind", "/", "/",
        "--bind", privateTmp.toString(), "/tmp", "--unshare-pid", "--proc", "/proc",
        "--die-with-parent", "--"));
    command.addAll(argv);
    return command;
  }

  private static boolean works(Path bwrap) {
    try {
      Path tmp = Files.createTempDirectory("navis-bwrap-probe");
      Process process = new ProcessBuilder(command(bwrap, tmp, List.of("true")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      boolean ended = process.waitFor(5, TimeUnit.SECONDS);
      Files.deleteIfExists(tmp);
      return ended && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
