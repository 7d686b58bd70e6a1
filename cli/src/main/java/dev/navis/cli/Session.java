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

  NavisConfig config() {
    return config;
  }

  WorkflowStore store() {
    if (store == null) {
      store = Stores.open(config.storeUrl());
    }
    return store;
  }

  Controller controller() {
    if (controller == null) {
      controller = new Controller(store(), this::newExecutor, Clock.systemUTC());
    }
    return controller;
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
  public void close() {
    if (controller != null) {
      controller.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
