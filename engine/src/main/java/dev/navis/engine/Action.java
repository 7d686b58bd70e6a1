package dev.navis.engine;

import dev.navis.api.model.Outputs;
import dev.navis.engine.spi.NodeLaunch;

/** What the engine asks the controller to do once the reconciliation is stored. */
public sealed interface Action {

  /** Start a leaf node with its resolved template. */
  record StartNode(NodeLaunch launch) implements Action {}

  /** Re-attach to a node that was running before a restart. */
  record RecoverNode(NodeLaunch launch) implements Action {}

  /** Stop a running leaf node; its end comes back as a {@code NodeEnded}. */
  record StopNode(String nodeId, String reason) implements Action {}

  /** Store a memoized template's outputs under its key. */
  record SaveMemo(String cacheName, String key, Outputs outputs) implements Action {}
}
