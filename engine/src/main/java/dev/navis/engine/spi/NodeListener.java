package dev.navis.engine.spi;

/** Receives the ends of nodes from an executor. Implementations must not block for long. */
@FunctionalInterface
public interface NodeListener {

  void nodeEnded(NodeResult result);
}
