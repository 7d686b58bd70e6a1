package dev.navis.executor.host;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny {@code sh} between the server and each container process, so that the process
 * outlives a server that dies and its end is still known: the shell sends stdout to the
 * container's {@code .log} and {@code .stdout}, stderr to its {@code .log}, and writes the exit
 * code to its {@code .exitcode} when the process ends. No output goes through a pipe to the
 * server, so a process left running by a killed server neither blocks nor dies of SIGPIPE, and
 * a restarted server reads its end and outputs from the node folder.
 *
 * <p>It costs a shell, a subshell and {@code tee} per container: measured at about 0.7 ms per
 * start on this project's machine when quiet, and ~3 ms of CPU with its two cores shared by
 * several builds (each exec's start-up dominates, see docs/BENCHMARKS.md).
 *
 * <p>The supervisor starts a session of its own ({@code setsid}, one more exec per start), so
 * a signal to the server's whole process group (Ctrl-C in a terminal, a service manager
 * stopping the group) leaves running nodes alone for a restarted server to collect.
 */
// TODO: a small native supervisor would run 3 programs per node instead of 5 (no setsid, no
// tee): each exec costs ~0.6 ms of CPU on a VM, most of a `true` node (docs/BENCHMARKS.md).
final class Supervisor {

  private static final String SHELL = "/bin/sh";
  private static final String SETSID = "/usr/bin/setsid";
  private static final boolean HAS_SETSID = new java.io.File(SETSID).canExecute();

  // $1 exit code file, $2 log, $3 stdout; then the command. The exit code is written before
  // tee drains, so a reader that finds it waits for the supervisor to end before reading
  // stdout (see ContainerRun). A stop that kills the subshell first leaves no exit code: then
  // the supervisor ends as killed by SIGTERM, without a complaint in the node's log. The
  // supervisor's own stderr (its "Terminated" for a killed subshell) is not the node's: only
  // the command's goes to the log, through its own redirection.
  private static final String SCRIPT = "exec 2>/dev/null; e=$1; l=$2; o=$3; shift 3;"
      + " { \"$@\" 2>>\"$l\"; echo $? >\"$e\"; } | tee -a \"$l\" >\"$o\";"
      + " read c 2>/dev/null <\"$e\" && exit \"$c\"; exit 143";

  private Supervisor() {}

  /** The argument vector that runs {@code argv} under the supervisor for one container. */
  static List<String> wrap(List<String> argv, NodeFolder folder, String container) {
    List<String> command = new ArrayList<>();
    if (HAS_SETSID) {
      command.add(SETSID);
    }
    command.addAll(List.of(SHELL, "-c", SCRIPT, "navis-supervisor",
        folder.exitCodeFile(container).toString(), folder.log(container).toString(),
        folder.stdout(container).toString()));
    command.addAll(argv);
    return command;
  }
}
