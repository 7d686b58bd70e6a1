package dev.navis.executor.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.navis.api.Codec;
import dev.navis.api.model.Template;
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
 * its {@link Supervisor}, which outlives the server and records the exit code.
 */
final class Sandbox {

  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  private static final Path TMP = Path.of("/tmp");

  // Whether bubblewrap works is a fact of the machine: probe and warn once per process.
  private static volatile Optional<Path> usableBwrap;

  private final Optional<Path> bwrap;
  private final List<Path> keptVisible;

  private Sandbox(Optional<Path> bwrap, List<Path> keptVisible) {
    this.bwrap = bwrap;
    this.keptVisible = keptVisible;
  }

  /**
   * Uses bubblewrap when it is on the PATH and a trial run succeeds; else warns once.
   * {@code home} (node folders, tools) stays visible even when it lies under the host's /tmp.
   */
  static Sandbox detect(Path home) {
    Optional<Path> bwrap = usableBwrap();
    List<Path> kept = bwrap.isPresent() && home.startsWith(TMP) ? List.of(home) : List.of();
    return new Sandbox(bwrap, kept);
  }

  private static synchronized Optional<Path> usableBwrap() {
    if (usableBwrap == null) {
      Optional<Path> bwrap = CommandPath.find("bwrap", System.getenv("PATH"));
      usableBwrap = bwrap.filter(Sandbox::works);
      if (usableBwrap.isEmpty()) {
        log.atWarn()
            .addKeyValue("bwrap", bwrap.map(Path::toString).orElse("not installed"))
            .log("bubblewrap unusable: nodes run as plain processes and share the host's /tmp");
      }
    }
    return usableBwrap;
  }

  static Sandbox none() {
    return new Sandbox(Optional.empty(), List.of());
  }

  /**
   * The sandbox for one node. Bubblewrap roughly doubles the cost of starting a process, so
   * with {@code everyNode} false only nodes whose template names {@code /tmp} (in a command,
   * an argument, a script, a variable or an output path) get one; the others still find a
   * private temporary folder through {@code TMPDIR}.
   */
  Sandbox forNode(Template template, boolean everyNode) {
    if (!enabled() || everyNode) {
      return this;
    }
    return Codec.toJson(template).contains(TMP.toString()) ? this : none();
  }

  boolean enabled() {
    return bwrap.isPresent();
  }

  /**
   * The argument vector that runs {@code argv} in {@code cwd} (as the process sees it) with
   * {@code privateTmp} as its /tmp.
   */
  List<String> wrap(List<String> argv, Path privateTmp, Path cwd) {
    if (bwrap.isEmpty()) {
      return argv;
    }
    List<String> options = new ArrayList<>();
    for (Path kept : keptVisible) {
      options.addAll(List.of("--bind", kept.toString(), kept.toString()));
    }
    options.addAll(List.of("--chdir", cwd.toString()));
    return command(bwrap.get(), privateTmp, options, argv);
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
    if (sandboxed && normal.startsWith(TMP)) {
      return folder.tmp().resolve(TMP.relativize(normal).toString());
    }
    return normal;
  }

  private static List<String> command(Path bwrap, Path privateTmp, List<String> options,
      List<String> argv) {
    List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--dev-bind", "/", "/",
        "--bind", privateTmp.toString(), "/tmp", "--unshare-pid", "--proc", "/proc",
        "--die-with-parent"));
    command.addAll(options);
    command.add("--");
    command.addAll(argv);
    return command;
  }

  private static boolean works(Path bwrap) {
    try {
      Path tmp = Files.createTempDirectory("navis-bwrap-probe");
      Process process = new ProcessBuilder(command(bwrap, tmp, List.of(), List.of("true")))
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
