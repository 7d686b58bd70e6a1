package dev.navis.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a node's run ended, as an executor reports it.
 *
 * @param workflowUid the workflow's uid
 * @param nodeId the node's id
 * @param phase {@code Succeeded}, {@code Failed} (the process exited non-zero) or {@code Error}
 *     (it could not run, was killed, or its outputs could not be read)
 * @param exitCode the main process's exit code, or null when it never ran
 * @param result standard output less one trailing newline, its last 256 KiB; null for none
 * @param parameters output parameters read from their {@code valueFrom.path}; a parameter whose
 *     file was missing is absent here, and the engine applies its default or fails the node
 * @param message why the node did not succeed, for a person; null when it did
 * @param startedAt when the first process started
 * @param finishedAt when the last process ended
 * @param containers per-container ends, for containerSet templates; empty otherwise
 */
public record NodeResult(
    String workflowUid,
    String nodeId,
    String phase,
    Integer exitCode,
    String result,
    Map<String, String> parameters,
    String message,
    Instant startedAt,
    Instant finishedAt,
    List<ContainerResult> containers) {

  /** How one container of a containerSet ended. */
  public record ContainerResult(
      String name, String phase, Integer exitCode, String message, Instant startedAt,
      Instant finishedAt) {}
}
