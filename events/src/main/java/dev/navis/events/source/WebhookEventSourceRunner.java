package dev.navis.events.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.WebhookEventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.EventBus.PublishReceipt;
import dev.navis.events.Secrets;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@code webhook} events of an EventSource: one HTTP server per port (Jetty, with
 * TCP_NODELAY), {@code GET /health} on each. A request to an event's endpoint becomes an event
 * {@code {header, body, metadata}}; the answer is 200 with the event id (header
 * {@value #EVENT_ID_HEADER} and JSON body) only once the bus has stored it, 503 when it could
 * not. Wrong method: 405; missing or wrong bearer token: 401; body over
 * {@code maxPayloadSize} (1 MiB by default): 413.
 *
 * <p>A caller that retries may send its own id in {@value #EVENT_ID_HEADER}: the bus drops a
 * second event with the same id, so a retried request starts its workflow once (the answer
 * says {@code "duplicate": true}). This is a Navis addition; Argo Events always makes a new id.
 */
public final class WebhookEventSourceRunner implements EventSourceRunner {

  public static final String EVENT_ID_HEADER = "X-Navis-Event-Id";
  public static final long DEFAULT_MAX_PAYLOAD = 1024 * 1024;
  private static final String CALLER_ID = "[A-Za-z0-9._:-]{1,128}";
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST,
      HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
  private static final Logger log = LoggerFactory.getLogger(WebhookEventSourceRunner.class);

  private final String sourceName;
  private final String busName;
  private final EventBus bus;
  private final Secrets secrets;
  private final Clock clock;
  private final PortServers servers = new PortServers();
  private final List<String> problems = new ArrayList<>();

  private WebhookEventSourceRunner(EventSource source, EventBus bus, Secrets secrets,
      Clock clock) {
    this.sourceName = source.metadata().name();
    this.busName = source.spec().eventBusName();
    this.bus = bus;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Starts a server for each port the source's webhook events name. An event that cannot be
   * served (no port or endpoint, a missing auth secret) is left out and named in
   * {@link #problems()}; a port that cannot be bound is a problem too.
   */
  public static WebhookEventSourceRunner start(EventSource source, EventBus bus,
      Secrets secrets, Clock clock) {
    WebhookEventSourceRunner runner = new WebhookEventSourceRunner(source, bus, secrets, clock);
    Map<String, Map<String, WebhookEventSource>> byPort = new LinkedHashMap<>();
    Map<String, WebhookEventSource> events = source.spec().webhook() == null ? Map.of()
        : source.spec().webhook();
    events.forEach((name, webhook) -> {
      String problem = runner.invalid(name, webhook);
      if (problem != null) {
        runner.problems.add(problem);
      } else {
        byPort.computeIfAbsent(webhook.port(), port -> new LinkedHashMap<>()).put(name, webhook);
      }
    });
    byPort.forEach(runner::serve);
    return runner;
  }

  /** What could not be served, each naming the event and the field. */
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** The port actually bound for a configured port ("0" binds any free port). */
  public int boundPort(String configuredPort) {
    return servers.boundPort(configuredPort);
  }

  @Override
  public void close() {
    servers.stopAll();
  }

  private String invalid(String name, WebhookEventSource webhook) {
    String at = "spec.webhook." + name;
    if (webhook.port() == null || !webhook.port().matches("\\d{1,5}")) {
      return at + ".port: expected a port number, found " + webhook.port();
    }
    if (webhook.endpoint() == null || !webhook.endpoint().startsWith("/")) {
      return at + ".endpoint: expected a path starting with /, found " + webhook.endpoint();
    }
    if (webhook.authSecret() != null && secrets.lookup(webhook.authSecret()).isEmpty()) {
      return at + ".authSecret: secret " + webhook.authSecret().name() + "/"
          + webhook.authSecret().key() + " not found";
    }
    return null;
  }

  private void serve(String port, Map<String, WebhookEventSource> events) {
    long largest = events.values().stream().mapToLong(WebhookEventSourceRunner::limit).max()
        .orElse(DEFAULT_MAX_PAYLOAD);
    try {
      int bound = servers.serve(port, largest, routes -> events.forEach((name, webhook) ->
          METHODS.forEach(method -> routes.addHttpHandler(method, webhook.endpoint(),
              ctx -> receive(ctx, name, webhook)))));
      log.atInfo().addKeyValue("eventSource", sourceName).addKeyValue("port", bound)
          .addKeyValue("events", events.keySet()).log("webhook listening");
    } catch (RuntimeException e) {
      problems.add("spec.webhook: cannot listen on port " + port + ": " + e.getMessage());
    }
  }

  private void receive(Context ctx, String name, WebhookEventSource webhook) {
    String method = webhook.method() == null ? "POST" : webhook.method().toUpperCase(Locale.ROOT);
    if (!ctx.method().name().equals(method)) {
      answer(ctx, 405, Map.of("message", "method " + ctx.method().name()
          + " not allowed; this endpoint takes " + method));
      return;
    }
    if (webhook.authSecret() != null && !authorized(ctx, webhook)) {
      answer(ctx, 401, Map.of("message", "missing or wrong bearer token"));
      return;
    }
    if (ctx.contentLength() > limit(webhook)) {
      answer(ctx, 413, Map.of("message", "the body has " + ctx.contentLength()
          + " bytes; the limit is " + limit(webhook)));
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > limit(webhook)) {
      answer(ctx, 413, Map.of("message", "the body is over the limit of " + limit(webhook)));
      return;
    }
    Event event = Event.of("webhook", sourceName, name, clock.instant(),
        data(ctx, body, webhook.metadata()));
    String callerId = ctx.header(EVENT_ID_HEADER);
    if (callerId != null && !callerId.matches(CALLER_ID)) {
      answer(ctx, 400, Map.of("message", EVENT_ID_HEADER + " must match " + CALLER_ID));
      return;
    }
    publish(ctx, name, webhook, callerId == null ? event
        : new Event(event.context().withId(callerId), event.data()));
  }

  private void publish(Context ctx, String name, WebhookEventSource webhook, Event event) {
    String rejection = SourceFilter.rejection(webhook.filter(), event);
    if (rejection != null) {
      answer(ctx, 200, Map.of("filtered", true, "message", rejection));
      return;
    }
    try {
      PublishReceipt receipt = bus.publish(busName, event)
          .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      ctx.header(EVENT_ID_HEADER, receipt.id());
      answer(ctx, 200, Map.of("id", receipt.id(), "subject", receipt.subject(),
          "duplicate", receipt.duplicate()));
    } catch (ExecutionException | TimeoutException e) {
      log.atWarn().addKeyValue("eventSource", sourceName).addKeyValue("event", name)
          .addKeyValue("reason", String.valueOf(e.getCause())).log("event bus refused an event");
      answer(ctx, 503, Map.of("message", "the event bus did not store the event: "
          + (e.getCause() == null ? "timed out" : e.getCause().getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(ctx, 503, Map.of("message", "interrupted while storing the event"));
    }
  }

  private boolean authorized(Context ctx, WebhookEventSource webhook) {
    String expected = "Bearer " + secrets.lookup(webhook.authSecret()).orElse("");
    String given = ctx.header("Authorization");
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode data(Context ctx, byte[] body, Map<String, String> metadata) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ObjectNode header = data.putObject("header");
    for (String headerName : Collections.list(ctx.req().getHeaderNames())) {
      var values = header.putArray(headerName);
      Collections.list(ctx.req().getHeaders(headerName)).forEach(values::add);
    }
    data.set("body", body(body));
    if (metadata != null && !metadata.isEmpty()) {
      data.set("metadata", Codec.json().valueToTree(metadata));
    }
    return data;
  }

  /** JSON bodies stay JSON; anything else becomes a string, as Argo Events does. */
  private static JsonNode body(byte[] body) {
    if (body.length == 0) {
      return JsonNodeFactory.instance.nullNode();
    }
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      return Codec.json().readTree(text);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }

  private static long limit(WebhookEventSource webhook) {
    return webhook.maxPayloadSize() == null || webhook.maxPayloadSize() <= 0
        ? DEFAULT_MAX_PAYLOAD : webhook.maxPayloadSize();
  }

  private static void answer(Context ctx, int status, Map<String, Object> body) {
    ctx.status(status).contentType("application/json").result(Codec.toJson(body));
  }
}
