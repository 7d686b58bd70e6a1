package dev.navis.server;

import dev.navis.controller.Controller;
import dev.navis.controller.NavisConfig;
import dev.navis.events.source.RequestBodies;
import dev.navis.server.events.ServerEvents;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code navis server}: Argo Server's HTTP API over one controller, which also adopts, a page
 * at a time, every unfinished workflow no other process runs, and runs the stored EventSources
 * and Sensors on the configured event bus. The caller owns the controller; closing the server
 * stops the API, the events and the adoption, not the controller.
 */
public final class NavisServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NavisServer.class);
  private static final int ADOPTION_PAGE = 100;
  private static final long ADOPTION_POLL_MILLIS = 500;
  private static final int QUEUE_DEPTH_LIMIT = 100_000;

  private final Controller controller;
  private final NavisConfig config;
  private final Access access;
  private final Runnable cronsChanged;
  private final WorkflowOperations operations;
  private final WorkflowEvents events = new WorkflowEvents();
  private final ServerMetrics metrics;
  private final ScheduledExecutorService adopter =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
  private final AtomicBoolean adoptionWanted = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean stopping;
  private ServerEvents eventsRuntime;
  private Javalin app;

  private NavisServer(Controller controller, NavisConfig config, Access access,
      Runnable cronsChanged) {
    this.controller = controller;
    this.cronsChanged = cronsChanged;
    this.config = config;
    this.access = access;
    this.operations = new WorkflowOperations(controller.store(), () -> controller,
        config.runs());
    this.metrics = new ServerMetrics(controller.store()::countByPhase, this::queueDepth);
    controller.addWatcher(events);
    controller.addWatcher(metrics);
  }

  /**
   * Starts the API on {@code config.port()} (0: any free port) and the adoption loop.
   *
   * @throws IllegalArgumentException for a configuration that cannot serve (bad auth mode,
   *     unreadable tokens file, a port in use)
   */
  public static NavisServer start(Controller controller, NavisConfig config) {
    return start(controller, config, () -> {});
  }

  /**
   * Like {@link #start(Controller, NavisConfig)}, telling {@code cronsChanged} whenever a
   * CronWorkflow is created, changed, suspended, resumed or deleted through the API.
   */
  public static NavisServer start(Controller controller, NavisConfig config,
      Runnable cronsChanged) {
    NavisServer server = new NavisServer(controller, config, accessFor(config), cronsChanged);
    server.eventsRuntime = ServerEvents.start(config.eventBus(), controller.store(),
        new TriggerWorkflows(server.operations, server.events, server::adoptSoon), config.home(),
        System.getenv(), server.metrics.registry());
    try {
      server.app = Javalin.create(server::configure).start(config.address(), config.port());
    } catch (JavalinBindException e) {
      server.eventsRuntime.close();
      throw new IllegalArgumentException("port " + config.port() + " is in use, or "
          + config.address() + " is no address of this host", e);
    }
    server.adopter.scheduleWithFixedDelay(server::adoptUnclaimed, 0, ADOPTION_POLL_MILLIS,
        TimeUnit.MILLISECONDS);
    log.atInfo().addKeyValue("address", config.address()).addKeyValue("port", server.port())
        .addKeyValue("authMode", config.authMode())
        .addKeyValue("store", config.storeUrl()).log("navis server listening");
    return server;
  }

  private static Access accessFor(NavisConfig config) {
    return switch (config.authMode()) {
      case "server" -> Access.open();
      case "client" -> Access.fromTokensFile(config.authTokens());
      default -> throw new IllegalArgumentException("unknown auth mode \"" + config.authMode()
          + "\": use server or client");
    };
  }

  public int port() {
    return app.port();
  }

  private void configure(JavalinConfig javalin) {
    javalin.startup.showJavalinBanner = false;
    javalin.concurrency.useVirtualThreads = true;
    javalin.http.maxRequestSize = config.maxRequestBytes();
    javalin.http.compressionStrategy = CompressionStrategy.NONE;
    javalin.routes.before(this::admit);
    javalin.routes.exception(ApiException.class, NavisServer::answer);
    javalin.routes.exception(HttpResponseException.class, (e, ctx) ->
        answer(ctx, e.getStatus(), grpcCodeOf(e.getStatus()), e.getMessage()));
    javalin.routes.exception(UnsupportedOperationException.class, (e, ctx) ->
        answer(ctx, 501, 12, e.getMessage()));
    javalin.routes.exception(Exception.class, this::answerBug);
    javalin.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
        .result(metrics.scrape()));
    new InfoApi().register(javalin.routes);
    new WorkflowApi(operations, events, this::adoptSoon).register(javalin.routes);
    new WatchApi(operations, events, () -> stopping).register(javalin.routes);
    new ResourceApi(() -> controller.store().resources(), cronsChanged)
        .register(javalin.routes);
    new EventsApi(eventsRuntime, operations, () -> stopping).register(javalin.routes);
  }

  /** Refuses oversized bodies and, on the API, requests without a valid token. */
  private void admit(Context ctx) {
    if (!RequestBodies.readWithin(ctx, config.maxRequestBytes())) {
      throw ApiException.tooLarge("the request body has " + ctx.contentLength()
          + " bytes; the limit is " + config.maxRequestBytes());
    }
    boolean open = !ctx.path().startsWith("/api/") || ctx.path().equals("/api/v1/info")
        || ctx.path().equals("/api/v1/version");
    Set<String> granted = open ? Set.of() : access.authenticate(ctx.header("Authorization"));
    ctx.attribute(Http.GRANTED, granted);
  }

  private static void answer(ApiException e, Context ctx) {
    answer(ctx, e.httpStatus(), e.grpcCode(), e.getMessage());
  }

  private static void answer(Context ctx, int status, int code, String message) {
    ctx.status(status);
    Http.send(ctx, Map.of("code", code, "message", message));
  }

  /** The gRPC code Argo Server pairs with an HTTP status Javalin answered by itself. */
  private static int grpcCodeOf(int status) {
    return switch (status) {
      case 400 -> 3;
      case 401 -> 16;
      case 403 -> 7;
      case 404 -> 5;
      case 405, 501 -> 12;
      case 409 -> 6;
      case 413 -> 8;
      default -> 2;
    };
  }

  private void answerBug(Exception e, Context ctx) {
    if (stopping) {
      return; // a stream still open while the store closes: nobody is left to answer
    }
    log.atError().addKeyValue("path", ctx.path()).setCause(e).log("request failed");
    answer(ctx, 500, 13, "internal error: " + e);
  }

  /** An adoption round now, unless one is already waiting to run. */
  private void adoptSoon() {
    if (!stopping && adoptionWanted.compareAndSet(false, true)) {
      adopter.execute(() -> {
        adoptionWanted.set(false);
        adoptUnclaimed();
      });
    }
  }

  /**
   * One page a tick: a restart over thousands of unfinished workflows starts them at a pace,
   * rather than all before the first request is served.
   */
  private void adoptUnclaimed() {
    try {
      controller.adoptUnclaimed(ADOPTION_PAGE);
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("could not adopt unclaimed workflows");
    }
  }

  private int queueDepth() {
    return controller.store().unclaimed(Instant.now(), QUEUE_DEPTH_LIMIT).size();
  }

  /** The routes served, as {@code METHOD /path/{param}}: the OpenAPI document must list them. */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  /** Blocks until {@link #close()} has run. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    stopping = true;
    adopter.shutdownNow();
    if (eventsRuntime != null) {
      eventsRuntime.close();
    }
    if (app != null) {
      app.stop();
    }
    closed.countDown();
    log.atInfo().log("navis server stopped");
  }
}
