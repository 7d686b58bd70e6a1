package dev.navis.executor.host;

import dev.navis.api.model.EnvVar;
import dev.navis.engine.spi.NodeLaunch;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one container runs on the host: its argument vector (image table applied, program found
 * on the PATH, sandbox wrapped around), environment and working folder; or why it cannot run.
 *
 * @param cwd the folder to start the process in; in a sandbox, the node's folder, and the
 *     sandbox moves on to the working folder the process sees
 * @param notes things a person should know about the run (ignored settings), for the log
 * @param error why the container cannot run; null when it can
 */
record ProcessPlan(
    List<String> argv, Map<String, String> env, Path cwd, List<String> notes, String error) {

  /** Host variables a process keeps; the rest of the server's environment stays private. */
  private static final List<String> HOST_VARIABLES = List.of(
      "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM",
      "PYENV_ROOT");

  private static final String GAMES = "/usr/games";

  // The server's environment cannot change while it runs: read it once, not per node.
  private static final Map<String, String> HOST_ENVIRONMENT = hostVariables();

  private static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  static ProcessPlan failed(String error) {
    return new ProcessPlan(List.of(), Map.of(), null, List.of(), error);
  }

  /** Plans {@code spec}; {@code argosay} is the path of the installed argosay tool. */
  static ProcessPlan of(ContainerSpec spec, NodeLaunch launch, NodeFolder folder,
      ImageTable images, Path argosay, Sandbox sandbox) {
    List<String> notes = new ArrayList<>();
    Map<String, String> env = environment(spec, launch, notes, folder, sandbox.enabled());

    List<String> argv = images.argv(spec.image(), spec.command(), argsOf(spec, folder));
    if (argv.isEmpty()) {
      return failed("container \"" + spec.name() + "\" has no command and no args (image "
          + spec.image() + ")");
    }

    String program = argv.get(0).equals(ImageTable.ARGOSAY) ? argosay.toString() : argv.get(0);
    Optional<Path> executable = findProgram(program, env.get("PATH"));
    if (executable.isEmpty()) {
      return failed("executable \"" + program + "\" not found in PATH (image " + spec.image()
          + ")");
    }
    argv.set(0, executable.get().toString());

    Path cwd = workingFolder(spec.workingDir(), folder, sandbox.enabled());
    return new ProcessPlan(sandbox.wrap(argv, folder.tmp(), cwd), env,
        sandbox.enabled() ? folder.root() : cwd, notes, null);
  }

  private static List<String> argsOf(ContainerSpec spec, NodeFolder folder) {
    if (spec.scriptSource() == null) {
      return spec.args();
    }
    // Like Argo, a script runs as its command plus the script's path, then any args; it is
    // executable, because `command: [sh, -c]` runs the path as a command.
    try {
      Files.writeString(folder.script(), spec.scriptSource());
      Files.setPosixFilePermissions(folder.script(), EXECUTABLE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the script of node " + folder.root(), e);
    }
    List<String> args = new ArrayList<>();
    args.add(folder.script().toString());
    args.addAll(spec.args());
    return args;
  }

  private static Map<String, String> environment(ContainerSpec spec, NodeLaunch launch,
      List<String> notes, NodeFolder folder, boolean sandboxed) {
    Map<String, String> env = new HashMap<>(HOST_ENVIRONMENT);
    // Without a private /tmp, programs that honour TMPDIR still keep their files apart.
    env.put("TMPDIR", sandboxed ? "/tmp" : folder.tmp().toString());
    if (launch.env() != null) {
      env.putAll(launch.env());
    }
    for (EnvVar variable : spec.env()) {
      if (variable.value() != null) {
        env.put(variable.name(), variable.value());
      } else if (variable.valueFrom() != null) {
        notes.add("env " + variable.name() + " uses valueFrom, which needs Kubernetes;"
            + " left unset");
      } else {
        env.put(variable.name(), "");
      }
    }
    return env;
  }

  private static Map<String, String> hostVariables() {
    Map<String, String> env = new HashMap<>();
    for (String name : HOST_VARIABLES) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putIfAbsent("HOME", System.getProperty("user.home"));
    env.put("PATH", withGames(env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")));
    return Map.copyOf(env);
  }

  private static String withGames(String path) {
    // Debian installs cowsay, which the whalesay images stand for, in /usr/games.
    List<String> folders = List.of(path.split(File.pathSeparator));
    return folders.contains(GAMES) ? path : path + File.pathSeparator + GAMES;
  }

  private static Optional<Path> findProgram(String program, String pathVariable) {
    Optional<Path> found = CommandPath.find(program, pathVariable);
    if (found.isEmpty() && program.equals("python")) {
      // Images ship "python"; many hosts only have "python3".
      return CommandPath.find("python3", pathVariable);
    }
    return found;
  }

  /**
   * The working folder as the process sees it. The rule: no workingDir runs in the node's
   * {@code work/}; one under /tmp in a sandbox is created in the node's private tmp; one that
   * exists on the host is used as it is; one that does not (a path inside the image) is
   * created under the node's {@code work/}, so relative paths behave and nothing is created
   * on the host's root.
   */
  private static Path workingFolder(String workingDir, NodeFolder folder, boolean sandboxed) {
    if (workingDir == null || workingDir.isBlank()) {
      return folder.work();
    }
    Path asked = Path.of(workingDir).normalize();
    if (sandboxed && asked.startsWith("/tmp")) {
      create(Sandbox.hostPath(workingDir, true, folder, folder.work()));
      return asked;
    }
    if (asked.isAbsolute() && Files.isDirectory(asked)) {
      return asked;
    }
    String relative = asked.isAbsolute() ? asked.getRoot().relativize(asked).toString()
        : workingDir;
    return create(folder.work().resolve(relative).normalize());
  }

  private static Path create(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create working folder " + folder, e);
    }
  }
}
