package dev.navis.executor.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * compiled into the jar where the build had a C compiler) is one exec per container. The shell
 * one, for hosts without it, costs {@code setsid}, a shell, a subshell and {@code tee}: each
 * exec's start-up is most of a trivial node's time (docs/BENCHMARKS.md).
 */
final class Supervisor {

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

  private Supervisor(List<String> program, String kind) {
    this.program = List.copyOf(program);
    this.kind = kind;
  }

  /** The shell supervisor, which needs only {@code /bin/sh} and coreutils' {@code tee}. */
  static Supervisor shell() {
    List<String> program = new ArrayList<>();
    if (new File(SETSID).canExecute()) {
      program.add(SETSID);
    }
    program.addAll(List.of(SHELL, "-c", SCRIPT, "navis-supervisor"));
    return new Supervisor(program, "shell");
  }

  /**
   * The native supervisor, installed into {@code tools} from the jar, when the jar holds one
   * and it runs on this host; else the shell supervisor.
   */
  static Supervisor install(Path tools) {
    var binary = BundledTool.installIfBundled(tools, BundledTool.SUPERVISOR)
        .filter(Supervisor::runs);
    if (binary.isPresent()) {
      return new Supervisor(List.of(binary.get().toString()), "native");
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
