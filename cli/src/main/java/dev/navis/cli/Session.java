package dev.navis.cli;

import dev.navis.controller.Controller;
import dev.navis.controller.NodeExecutors;
import dev.navis.controller.NavisConfig;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeListener;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * What one command needs, opened on first use: the configuration, the store, the controller.
 * Commands that only read open the store alone.
 */
final class Session implements AutoCloseable {

  private final NavisConfig config = NavisConfig.fromEnvironment();
  private WorkflowStore store;
  private Controller controller;
  private Thread onInterrupt;
  private boolean closed;

  NavisConfig config() {
    return config;
  }

  WorkflowStore store() {
    if (store == null) {
      try {
        store = Stores.open(config.storeUrl());
      } catch (IllegalArgumentException badUrl) {
        throw new UserException(badUrl.getMessage());
      }
    }
    return store;
  }

  /**
   * The in-process controller. If this process is interrupted (Ctrl-C, SIGTERM) while it runs
   * workflows, it lets go of them and leaves them to a background controller, as stopping to
   * watch an Argo workflow does not stop the workflow.
   */
  Controller controller() {
    if (controller == null) {
      controller = new Controller(store(), this::newExecutor, Clock.systemUTC());
      onInterrupt = new Thread(this::handOver, "navis-hand-over");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
    }
    return controller;
  }

  private synchronized void handOver() {
    if (closed) {
      return;
    }
    boolean running = controller.activeCount() > 0;
    try {
      close();
    } catch (RuntimeException storeGone) {
      // H2 closes its database in a shutdown hook of its own, maybe before this one; the claims
      // left behind belong to a process that is gone, which the next controller sees.
    }
    if (running) {
      try {
        BackgroundController.ensureRunning(config);
      } catch (java.io.IOException e) {
        System.err.println("navis: could not start a background controller: " + e.getMessage());
      }
    }
  }

  /** A host executor that reads logs and folders but reports ends to nobody. */
  NodeExecutor reader() {
    return controller != null ? controller.executor() : newExecutor(result -> {});
  }

  private NodeExecutor newExecutor(NodeListener listener) {
    try {
      return NodeExecutors.standard(config, listener);
    } catch (UncheckedIOException e) {
      throw new UserException(e.getMessage());
    }
  }

  String namespace(String given) {
    return given != null ? given : config.namespace();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (controller != null) {
      controller.close();
    }
    if (store != null) {
      store.close();
    }
    removeHook();
  }

  private void removeHook() {
    if (onInterrupt == null || Thread.currentThread() == onInterrupt) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it finds the session closed.
    }
  }
}
