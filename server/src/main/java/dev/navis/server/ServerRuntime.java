package dev.navis.server;

import dev.navis.controller.Controller;
import dev.navis.controller.NodeExecutors;
import dev.navis.controller.NavisConfig;
import dev.navis.controller.cron.CronRunner;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.time.Clock;

/**
 * Everything {@code navis server} runs, opened in order and closed in reverse: the store
 * (migrated on open), a controller with the host executor, the CronWorkflow runner, and the
 * HTTP server.
 */
public final class ServerRuntime implements AutoCloseable {

  private final WorkflowStore store;
  private final Controller controller;
  private final CronRunner crons;
  private final NavisServer server;

  private ServerRuntime(WorkflowStore store, Controller controller, CronRunner crons,
      NavisServer server) {
    this.store = store;
    this.controller = controller;
    this.crons = crons;
    this.server = server;
  }

  /** Opens the store, starts the controller and serves on {@code config.port()}. */
  public static ServerRuntime start(NavisConfig config) {
    WorkflowStore store = Stores.open(config.storeUrl());
    Controller controller = null;
    CronRunner crons = null;
    try {
      controller = new Controller(store, listener -> NodeExecutors.standard(config, listener),
          Clock.systemUTC());
      crons = CronRunner.forController(controller, Clock.systemUTC());
      NavisServer server = NavisServer.start(controller, config, crons::wake);
      crons.start();
      return new ServerRuntime(store, controller, crons, server);
    } catch (RuntimeException e) {
      if (crons != null) {
        crons.close();
      }
      if (controller != null) {
        controller.close();
      }
      store.close();
      throw e;
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
    crons.close();
    controller.close();
    store.close();
  }
}
