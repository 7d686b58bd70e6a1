package dev.navis.engine.spi;

import dev.navis.api.model.Artifact;
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
 * @param artifacts output artifacts stored in the artifact repository, each with its
 *     {@code key} (and {@code archive} when not the default), in declaration order; an
 *     optional artifact that was not produced is absent; null or empty for none
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
    List<ContainerResult> containers,
    List<Artifact> artifacts) {

  /** A result without output artifacts. */
  public NodeResult(String workflowUid, String nodeId, String phase, Integer exitCode,
      String result, Map<String, String> parameters, String message, Instant startedAt,
      Instant finishedAt, List<ContainerResult> containers) {
    this(workflowUid, nodeId, phase, exitCode, result, parameters, message, startedAt,
        finishedAt, containers, null);
  }

  /** This result with its output artifacts and, when {@code problem} is set, in Error. */
  public NodeResult withArtifacts(List<Artifact> stored, String problem) {
    String endPhase = problem == null ? phase : "Error";
    String endMessage = problem == null ? message : problem;
    return new NodeResult(workflowUid, nodeId, endPhase, exitCode, result, parameters,
        endMessage, startedAt, finishedAt, containers, stored);
  }

  /** How one container of a containerSet ended. */
  public record ContainerResult(
      String name, String phase, Integer exitCode, String message, Instant startedAt,
      Instant finishedAt) {}
}
