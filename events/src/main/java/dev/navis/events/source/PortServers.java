package dev.navis.events.source;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP servers of an event source that listens on ports (webhook, sns): one per configured
 * port, each with {@code GET /health}, and the port each actually bound.
 */
final class PortServers {

  private final Map<String, Javalin> serversByPort = new LinkedHashMap<>();
  private final Map<String, Integer> boundPorts = new LinkedHashMap<>();

  /**
   * Serves {@code routes} on {@code port} ("0" binds any free one), refusing bodies over
   * {@code maxBodyBytes}; returns the port bound.
   *
   * @throws RuntimeException when the port cannot be listened on
   */
  int serve(String port, long maxBodyBytes, Consumer<RoutesConfig> routes) {
    Javalin server = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.concurrency.useVirtualThreads = true;
      config.http.maxRequestSize = maxBodyBytes;
      // The answers are a few bytes: wrapping them for compression only costs CPU.
      config.http.compressionStrategy = CompressionStrategy.NONE;
      // Over the limit, the body is dropped here and the handler answers why.
      config.routes.before(ctx -> RequestBodies.readWithin(ctx, maxBodyBytes));
      config.routes.get("/health", ctx -> ctx.result("OK"));
      routes.accept(config.routes);
    }).start(Integer.parseInt(port));
    serversByPort.put(port, server);
    boundPorts.put(port, server.port());
    return server.port();
  }

  /** The port actually bound for a configured port. */
  int boundPort(String configuredPort) {
    Integer port = boundPorts.get(configuredPort);
    if (port == null) {
      throw new IllegalArgumentException("no server for port " + configuredPort);
    }
    return port;
  }

  void stopAll() {
    serversByPort.values().forEach(Javalin::stop);
    serversByPort.clear();
  }
}
