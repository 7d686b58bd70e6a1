package dev.navis.executor.http;

import dev.navis.api.model.HttpTemplate;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One http node's request, from sending to the verdict on its response. It runs on its own
 * (virtual) thread; {@link #stop} and the timeout abort it from others.
 */
final class HttpCall {

  private final NodeLaunch launch;
  private final HttpTemplate http;
  private final HttpClient client;
  private final Consumer<NodeResult> onEnd;
  private final Instant startedAt = Instant.now();
  private volatile CompletableFuture<HttpResponse<InputStream>> pending;
  private volatile InputStream body;
  /** Why the call was cut short (stop reason or timeout); null while it runs its course. */
  private volatile Abort abort;

  private record Abort(String phase, String message) {}

  HttpCall(NodeLaunch launch, HttpClient client, Consumer<NodeResult> onEnd) {
    this.launch = launch;
    this.http = launch.template().http();
    this.client = client;
    this.onEnd = onEnd;
  }

  Duration timeout() {
    return HttpRequests.timeoutOf(http);
  }

  /** Makes the request and reports how it ended; returns when it has. */
  void run() {
    NodeResult result;
    try {
      result = execute();
    } catch (InvalidRequest e) {
      result = ended("Error", null, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = ended("Error", null, "interrupted while waiting for " + target());
    }
    onEnd.accept(result);
  }

  /** Aborts the request; the node ends with {@code message} (and Error, as a killed pod). */
  void stop(String message) {
    abortWith(new Abort("Error", message));
  }

  /** Aborts a request that outlived its timeoutSeconds: the node fails. */
  void timeOut() {
    abortWith(new Abort("Failed", timedOut()));
  }

  private void abortWith(Abort reason) {
    if (abort != null) {
      return;
    }
    abort = reason;
    CompletableFuture<?> request = pending;
    if (request != null) {
      request.cancel(true);
    }
    closeQuietly(body);
  }

  private NodeResult execute() throws InvalidRequest, InterruptedException {
    HttpRequest request = HttpRequests.of(http);
    HttpResponse<InputStream> response;
    String text;
    try {
      pending = client.sendAsync(request, BodyHandlers.ofInputStream());
      if (abort != null) {
        pending.cancel(true);
      }
      response = pending.get();
      body = response.body();
      if (abort != null) {
        closeQuietly(body);
      }
      // TODO: successCondition sees only the kept tail of a body over 256 KiB, where Argo sees
      // all of it; keeping whole bodies would put unbounded responses in memory.
      text = BodyTail.read(body, BodyTail.LIMIT);
    } catch (ExecutionException | IOException | CancellationException e) {
      return failedRequest(e);
    } finally {
      closeQuietly(body);
    }

    if (abort != null) {
      return ended(abort.phase(), text, abort.message());
    }
    SuccessCondition.Verdict verdict = SuccessCondition.assess(http.successCondition(),
        response.statusCode(), text, response.headers().map());
    return ended(verdict.phase(), text, verdict.message());
  }

  private NodeResult failedRequest(Exception failure) {
    if (abort != null) {
      return ended(abort.phase(), null, abort.message());
    }
    Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      return ended("Failed", null, timedOut());
    }
    // java.net.http reports a refused connection as a ConnectException without a message.
    String why = cause.getMessage() != null ? cause.getMessage()
        : cause instanceof ConnectException ? "connection refused"
        : cause.getClass().getSimpleName();
    return ended("Error", null, target() + " failed: " + why);
  }

  private String timedOut() {
    return "timed out after " + timeout().toSeconds() + "s waiting for " + target();
  }

  private String target() {
    return HttpRequests.methodOf(http) + " " + http.url();
  }

  private NodeResult ended(String phase, String result, String message) {
    return new NodeResult(launch.workflowUid(), launch.nodeId(), phase, null, result, Map.of(),
        message, startedAt, Instant.now(), List.of());
  }

  private static void closeQuietly(InputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // Closing is how a request is aborted; a failure to close changes nothing for the node.
    }
  }
}
