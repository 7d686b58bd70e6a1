package dev.navis.cli;

import dev.navis.engine.PhaseChange;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.controller.WorkflowWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prints each node's log, prefixed with the node's name as {@code argo logs} does, when the
 * node ends.
 */
final class LogTailer implements WorkflowWatcher {

  private static final Set<String> ENDED = Set.of("Succeeded", "Failed", "Error");

  private final NodeExecutor executor;
  private final PrintWriter out;

  LogTailer(NodeExecutor executor, PrintWriter out) {
    this.executor = executor;
    this.out = out;
  }

  @Override
  public void reconciled(WorkflowRun run, Reconciliation reconciliation) {
    for (PhaseChange change : reconciliation.phaseChanges()) {
      if (change.nodeId() != null && ENDED.contains(change.to())) {
        executor.logFile(run.uid(), change.nodeId(), "main")
            .ifPresent(file -> print(change.nodeName(), file));
      }
    }
  }

  private void print(String nodeName, Path file) {
    List<String> lines = read(file).orElse(List.of());
    synchronized (out) {
      lines.forEach(line -> out.println(nodeName + ": " + line));
      out.flush();
    }
  }

  private static Optional<List<String>> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readAllLines(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
