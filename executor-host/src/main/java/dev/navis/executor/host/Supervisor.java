package dev.navis.executor.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program between the server and each container process, so that the process outlives a
 * server that dies and its end is still known: it sends stdout to the container's {@code .log}
 * and {@code .stdout}, stderr to its {@code .log}, and writes the exit code to its
 * {@code .exitcode} when the process ends. No output goes through a pipe to the server, so a
 * process left running by a killed server neither blocks nor dies of SIGPIPE, and a restarted
 * server reads its end and outputs from the node folder. It starts a session of its own, so a
 * signal to the server's whole process group (Ctrl-C in a terminal, a service manager stopping
 * the group) leaves running nodes alone for a restarted server to collect.
 *
 * <p>Two programs keep that contract. The native one ({@code src/main/c/navis-supervisor.c},
 * compiled into the jar where the build had a C compiler) is forked per container by one
 * {@link SupervisorLauncher}, with no exec of its own. The shell one, for hosts without it,
 * costs {@code setsid}, a shell, a subshell and {@code tee}, each spawned from this JVM: each
 * exec's start-up is most of a trivial node's time (docs/BENCHMARKS.md).
 */
final class Supervisor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

  private static final String SHELL = "/bin/sh";
  private static final String SETSID = "/usr/bin/setsid";

  // The native program's answer to being called without a command: it ran, and refused.
  private static final int NATIVE_USAGE_EXIT = 125;

  // Whether the native supervisor runs is a fact of the host: say once per process if not.
  private static final AtomicBoolean saidShell = new AtomicBoolean();

  // $1 exit code file, $2 log, $3 stdout; then the command. The exit code is written before
  // tee drains, so a reader that finds it waits for the supervisor to end before reading
  // stdout (see ContainerRun). A stop that kills the subshell first leaves no exit code: then
  // the supervisor ends as killed by SIGTERM, without a complaint in the node's log. The
  // supervisor's own stderr (its "Terminated" for a killed subshell) is not the node's: only
  // the command's goes to the log, through its own redirection.
  private static final String SCRIPT = "exec 2>/dev/null; e=$1; l=$2; o=$3; shift 3;"
      + " { \"$@\" 2>>\"$l\"; echo $? >\"$e\"; } | tee -a \"$l\" >\"$o\";"
      + " read c 2>/dev/null <\"$e\" && exit \"$c\"; exit 143";

  private final List<String> program;
  private final String kind;
  private final Path nativeBinary;
  private SupervisorLauncher launcher;
  private boolean closed;

  private Supervisor(List<String> program, String kind, Path nativeBinary) {
    this.program = List.copyOf(program);
    this.kind = kind;
    this.nativeBinary = nativeBinary;
  }

  /** The shell supervisor, which needs only {@code /bin/sh} and coreutils' {@code tee}. */
  static Supervisor shell() {
    List<String> program = new ArrayList<>();
    if (new File(SETSID).canExecute()) {
      program.add(SETSID);
    }
    program.addAll(List.of(SHELL, "-c", SCRIPT, "navis-supervisor"));
    return new Supervisor(program, "shell", null);
  }

  /**
   * The native supervisor, installed into {@code tools} from the jar, when the jar holds one
   * and it runs on this host; else the shell supervisor.
   */
  static Supervisor install(Path tools) {
    var binary = BundledTool.installIfBundled(tools, BundledTool.SUPERVISOR)
        .filter(Supervisor::runs);
    if (binary.isPresent()) {
      return new Supervisor(List.of(binary.get().toString()), "native", binary.get());
    }
    if (saidShell.compareAndSet(false, true)) {
      log.atInfo().addKeyValue("tools", tools)
          .log("no native supervisor runs here: nodes start under the slower shell supervisor");
    }
    return shell();
  }

  /** "native" or "shell". */
  String kind() {
    return kind;
  }

  /** The same program, spawned from this JVM per container instead of by a launcher. */
  Supervisor withoutLauncher() {
    return new Supervisor(program, kind, null);
  }

  /**
   * Starts the planned process of {@code container} under a supervisor of its own.
   *
   * @throws IOException when it cannot start, with the operating system's reason
   */
  SupervisedProcess start(ProcessPlan plan, NodeFolder folder, String container)
      throws IOException {
    Optional<SupervisorLauncher> forking = launcher();
    if (forking.isPresent()) {
      try {
        return forking.get().launch(plan.argv(), plan.env(), plan.cwd(),
            folder.exitCodeFile(container), folder.log(container), folder.stdout(container));
      } catch (SupervisorLauncher.NotSent e) {
        // Nothing started: spawn this one directly; the next start tries a new launcher.
      }
    }
    return SupervisedProcess.spawn(wrap(plan.argv(), folder, container), plan.env(),
        plan.cwd().toFile(), folder.log(container).toFile());
  }

  private synchronized Optional<SupervisorLauncher> launcher() {
    if (nativeBinary == null || closed) {
      return Optional.empty();
    }
    if (launcher == null || !launcher.alive()) {
      if (launcher != null) {
        log.atWarn().addKeyValue("binary", nativeBinary)
            .log("the supervisor launcher ended; starting another");
      }
      try {
        launcher = SupervisorLauncher.start(nativeBinary);
      } catch (IOException e) {
        log.atWarn().addKeyValue("binary", nativeBinary).addKeyValue("reason", e.getMessage())
            .log("cannot start the supervisor launcher; spawning each supervisor instead");
        launcher = null;
        return Optional.empty();
      }
    }
    return Optional.of(launcher);
  }

  /** Ends the launcher, if any; the supervisors it started run on. */
  @Override
  public synchronized void close() {
    closed = true;
    if (launcher != null) {
      launcher.close();
    }
  }

  /** The argument vector that runs {@code argv} under the supervisor for one container. */
  List<String> wrap(List<String> argv, NodeFolder folder, String container) {
    List<String> command = new ArrayList<>(program);
    command.addAll(List.of(folder.exitCodeFile(container).toString(),
        folder.log(container).toString(), folder.stdout(container).toString()));
    command.addAll(argv);
    return command;
  }

  // A binary built for another host, or a tools folder mounted noexec, fails here, not later
  // in every node.
  private static boolean runs(Path binary) {
    try {
      Process probe = new ProcessBuilder(binary.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == NATIVE_USAGE_EXIT;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
