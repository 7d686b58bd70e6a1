package dev.navis.engine;

import dev.navis.engine.spi.NodeResult;
import java.util.Map;

/** Something that happened to a workflow, which the engine reconciles against. */
public sealed interface Occurrence {

  /** An executor reported the end of a node. */
  record NodeEnded(NodeResult result) implements Occurrence {}

  /** A time the engine asked to be woken at has come, or something outside may have changed. */
  record Tick() implements Occurrence {}

  /** The controller restarted and must re-attach to nodes that were running. */
  record Restored() implements Occurrence {}

  /** Resume suspended nodes (all when {@code nodeFieldSelector} is null) or the workflow. */
  record Resume(String nodeFieldSelector) implements Occurrence {}

  /**
   * Argo's {@code node set}: the running suspend nodes that match {@code nodeFieldSelector} get
   * supplied output values, a message, or a phase that ends them; null fields change nothing.
   */
  record SetNodes(String nodeFieldSelector, String phase, String message,
      Map<String, String> outputParameters) implements Occurrence {

    public SetNodes {
      outputParameters = outputParameters == null ? Map.of() : Map.copyOf(outputParameters);
    }
  }

  /** Suspend the workflow: start nothing new until resumed. */
  record Suspend() implements Occurrence {}

  /** Stop: no new nodes, running ones stopped, exit handlers still run. */
  record Stop(String message) implements Occurrence {}

  /** Terminate: no new nodes, running ones stopped, exit handlers skipped. */
  record Terminate() implements Occurrence {}
}
