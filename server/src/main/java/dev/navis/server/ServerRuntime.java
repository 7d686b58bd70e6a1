package dev.navis.server;

import dev.navis.controller.Controller;
import dev.navis.controller.NavisConfig;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeListener;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything {@code navis server} runs, opened in order and closed in reverse: the store
 * (migrated on open), a controller with the host executor, and the HTTP server.
 */
public final class ServerRuntime implements AutoCloseable {

  private final WorkflowStore store;
  private final Controller controller;
  private final NavisServer server;

  private ServerRuntime(WorkflowStore store, Controller controller, NavisServer server) {
    this.store = store;
    this.controller = controller;
    this.server = server;
  }

  /** Opens the store, starts the controller and serves on {@code config.port()}. */
  public static ServerRuntime start(NavisConfig config) {
    WorkflowStore store = Stores.open(config.storeUrl());
    Controller controller = null;
    try {
      controller = new Controller(store, listener -> hostExecutor(config, listener),
          Clock.systemUTC());
      return new ServerRuntime(store, controller, NavisServer.start(controller, config));
    } catch (RuntimeException e) {
      if (controller != null) {
        controller.close();
      }
      store.close();
      throw e;
    }
  }

  private static NodeExecutor hostExecutor(NavisConfig config, NodeListener listener) {
    Path imagesFile = config.home().resolve("images.yaml");
    try {
      return new HostExecutor(config.runs(), listener, ImageTable.load(imagesFile));
    } catch (IOException e) {
      throw new UncheckedIOException(imagesFile + ": cannot read the image table", e);
    }
  }

  public int port() {
    return server.port();
  }

  public NavisServer server() {
    return server;
  }

  public Controller controller() {
    return controller;
  }

  @Override
  public void close() {
    server.close();
    controller.close();
    store.close();
  }
}
