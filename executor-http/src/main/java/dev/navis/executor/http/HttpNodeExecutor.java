package dev.navis.executor.http;

import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeListener;
import dev.navis.engine.spi.NodeResult;
import dev.navis.engine.spi.RoutingExecutor;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs http templates: each node is one request made from this process on a virtual thread
 * (see the package documentation for how its phase and result are decided).
 *
 * <p>Nodes that are not http templates end in Error at once: route them elsewhere with
 * {@link RoutingExecutor}, or build both with {@link #alongside}. Requests leave nothing on
 * disk, so {@link #recover} reports a node cut off by a restart as interrupted, and the node's
 * retry strategy decides whether it is sent again. Http nodes have no log file.
 */
public final class HttpNodeExecutor implements NodeExecutor {

  private static final Logger log = LoggerFactory.getLogger(HttpNodeExecutor.class);

  /** The message of a node whose request was cut off by a restart. */
  public static final String INTERRUPTED = "interrupted by restart";

  private static final Executor VIRTUAL_THREADS =
      task -> Thread.ofVirtual().name("navis-http").start(task);

  private final NodeListener listener;
  private final HttpClient client;
  private final HttpClient insecureClient;
  private final Map<String, HttpCall> running = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public HttpNodeExecutor(NodeListener listener) {
    this.listener = listener;
    this.client = clientBuilder().build();
    this.insecureClient = clientBuilder().sslContext(trustingEveryone()).build();
  }

  /**
   * One executor for every node: http templates run here, all others on {@code others}. Both
   * report to {@code listener}; closing the result closes both.
   */
  public static NodeExecutor alongside(NodeExecutor others, NodeListener listener) {
    return new RoutingExecutor(others, Map.of(Template.Type.HTTP, new HttpNodeExecutor(listener)));
  }

  @Override
  public void start(NodeLaunch launch) {
    if (launch.template() == null || launch.template().type() != Template.Type.HTTP) {
      report(launch, "Error", "the http executor runs only http templates");
      return;
    }
    boolean insecure = Boolean.TRUE.equals(launch.template().http().insecureSkipVerify());
    String key = key(launch.workflowUid(), launch.nodeId());
    HttpCall call = new HttpCall(launch, insecure ? insecureClient : client,
        result -> ended(key, result));
    running.put(key, call);
    Future<?> timer = CompletableFuture.runAsync(call::timeOut,
        CompletableFuture.delayedExecutor(call.timeout().toMillis(), TimeUnit.MILLISECONDS,
            VIRTUAL_THREADS));
    VIRTUAL_THREADS.execute(() -> {
      call.run();
      timer.cancel(false);
    });
  }

  @Override
  public void stop(String workflowUid, String nodeId, String reason) {
    HttpCall call = running.get(key(workflowUid, nodeId));
    if (call != null) {
      log.atInfo().addKeyValue("workflow", workflowUid).addKeyValue("node", nodeId)
          .addKeyValue("reason", reason).log("stopping http request");
      call.stop(reason);
    }
  }

  /**
   * A request still running here goes on; any other was lost with the process that made it, and
   * is reported in Error as {@value #INTERRUPTED}, from another thread.
   */
  @Override
  public boolean recover(NodeLaunch launch) {
    if (running.containsKey(key(launch.workflowUid(), launch.nodeId()))) {
      return true;
    }
    VIRTUAL_THREADS.execute(() -> report(launch, "Error", INTERRUPTED));
    return true;
  }

  @Override
  public Optional<Path> logFile(String workflowUid, String nodeId, String container) {
    return Optional.empty();
  }

  /** Stops reporting and aborts the requests in flight: they cannot outlive this process. */
  @Override
  public void close() {
    closed = true;
    running.values().forEach(call -> call.stop("executor closed"));
    running.clear();
    client.shutdownNow();
    insecureClient.shutdownNow();
  }

  private void ended(String key, NodeResult result) {
    running.remove(key);
    if (closed) {
      return;
    }
    log.atDebug().addKeyValue("workflow", result.workflowUid())
        .addKeyValue("node", result.nodeId()).addKeyValue("phase", result.phase())
        .log("http node ended");
    try {
      listener.nodeEnded(result);
    } catch (RuntimeException e) {
      log.atError().addKeyValue("workflow", result.workflowUid())
          .addKeyValue("node", result.nodeId()).setCause(e).log("node listener failed");
    }
  }

  private void report(NodeLaunch launch, String phase, String message) {
    Instant now = Instant.now();
    ended(key(launch.workflowUid(), launch.nodeId()), new NodeResult(launch.workflowUid(),
        launch.nodeId(), phase, null, null, Map.of(), message, now, now, List.of()));
  }

  private static String key(String workflowUid, String nodeId) {
    return workflowUid + "/" + nodeId;
  }

  private static HttpClient.Builder clientBuilder() {
    // Go's client, which Argo uses, follows redirects; HTTP/1.1 keeps plain servers happy.
    return HttpClient.newBuilder()
        .executor(VIRTUAL_THREADS)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL);
  }

  /** For insecureSkipVerify: accepts any certificate for any host name. */
  private static SSLContext trustingEveryone() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }

  private static final class TrustingEveryone extends X509ExtendedTrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
