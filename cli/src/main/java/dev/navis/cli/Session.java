package dev.navis.cli;

import dev.navis.controller.Controller;
import dev.navis.controller.NavisConfig;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeListener;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.nio.file.Path;
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
    Path imagesFile = config.home().resolve("images.yaml");
    try {
      return new HostExecutor(config.runs(), listener, ImageTable.load(imagesFile));
    } catch (IOException e) {
      throw new UserException(imagesFile + ": " + e.getMessage());
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
