package dev.navis.events.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.SnsEventSource;
import dev.navis.api.model.events.WebhookEventSource;
import dev.navis.events.EventBus;
import dev.navis.events.source.BrokerEvents.Outcome;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@code sns} events of an EventSource: SNS pushes to {@code webhook.endpoint} on
 * {@code webhook.port} (one server per port, {@code GET /health} on each; bodies up to
 * {@code webhook.maxPayloadSize}, 1 MiB by default). A
 * {@code SubscriptionConfirmation} is confirmed by fetching its {@code SubscribeURL}; a
 * {@code Notification} becomes an event {@code {header, body, metadata}}, the body the
 * notification itself, answered 200 only once the bus stored it (503 otherwise, so SNS sends
 * it again; the event id is made from the topic and {@code MessageId}, so a notification sent
 * again after it was stored is dropped by the bus as a duplicate). With
 * {@code validateSignature} every message must carry a valid signature ({@link SnsSignatures});
 * a bad one is answered 403, as is a message of another topic than {@code topicArn} (a Navis
 * addition: Argo Events accepts any topic that pushes to the endpoint).
 *
 * <p>Argo Events also subscribes {@code webhook.url} to {@code topicArn} when it starts and
 * confirms through the SNS API; Navis has no AWS client, so the subscription is made outside
 * (console, CLI, Terraform) and confirmed through its {@code SubscribeURL}.
 */
public final class SnsEventSourceRunner implements EventSourceRunner {

  private static final long MAX_PAYLOAD = WebhookEventSourceRunner.DEFAULT_MAX_PAYLOAD;
  private static final Logger log = LoggerFactory.getLogger(SnsEventSourceRunner.class);

  private final BrokerEvents events;
  private final HttpClient http;
  private final PortServers servers = new PortServers();
  private final Map<String, SnsSignatures> signatures = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  private SnsEventSourceRunner(BrokerEvents events) {
    this.events = events;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Starts a server for each port the source's sns events name; an event without a port,
   * endpoint or topic, or with an {@code endpoint} that is not a URL, is left out and named in
   * {@link #problems()}, as is a port that cannot be bound.
   */
  public static SnsEventSourceRunner start(EventSource source, EventBus bus, Clock clock) {
    // TODO: subscribing webhook.url to topicArn at start (and unsubscribing at stop) needs the
    // SNS API with accessKey/secretKey/roleARN; until then the subscription is made outside.
    SnsEventSourceRunner runner =
        new SnsEventSourceRunner(new BrokerEvents("sns", source, bus, clock));
    Map<String, Map<String, SnsEventSource>> byPort = new LinkedHashMap<>();
    Map<String, SnsEventSource> configured = source.spec().sns() == null ? Map.of()
        : source.spec().sns();
    configured.forEach((name, sns) -> {
      String problem = invalid("spec.sns." + name, sns);
      if (problem != null) {
        runner.problems.add(problem);
        return;
      }
      runner.signatures.put(name, new SnsSignatures(runner.http, trustedEndpoint(sns)));
      byPort.computeIfAbsent(sns.webhook().port(), port -> new LinkedHashMap<>()).put(name, sns);
    });
    byPort.forEach(runner::serve);
    return runner;
  }

  @Override
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
    http.close();
  }

  static String invalid(String at, SnsEventSource sns) {
    WebhookEventSource webhook = sns.webhook();
    if (webhook == null) {
      return at + ".webhook: required (the port and endpoint SNS pushes to)";
    }
    if (webhook.port() == null || !webhook.port().matches("\\d{1,5}")
        || Integer.parseInt(webhook.port()) > 65535) {
      return at + ".webhook.port: expected a port number, found '" + webhook.port() + "'";
    }
    if (webhook.endpoint() == null || !webhook.endpoint().startsWith("/")) {
      return at + ".webhook.endpoint: expected a path starting with /, found '"
          + webhook.endpoint() + "'";
    }
    if (sns.topicArn() == null || sns.topicArn().isBlank()) {
      return at + ".topicArn: required";
    }
    if (sns.endpoint() != null && !sns.endpoint().isBlank()) {
      try {
        URI endpoint = URI.create(sns.endpoint());
        if (endpoint.getHost() == null) {
          return at + ".endpoint: expected a URL such as http://localhost:4566, found '"
              + sns.endpoint() + "'";
        }
      } catch (IllegalArgumentException e) {
        return at + ".endpoint: expected a URL, found '" + sns.endpoint() + "'";
      }
    }
    return null;
  }

  private static URI trustedEndpoint(SnsEventSource sns) {
    return sns.endpoint() == null || sns.endpoint().isBlank() ? null : URI.create(sns.endpoint());
  }

  private void serve(String port, Map<String, SnsEventSource> configured) {
    long largest = configured.values().stream().mapToLong(SnsEventSourceRunner::limit).max()
        .orElse(MAX_PAYLOAD);
    try {
      int bound = servers.serve(port, largest, routes -> configured.forEach((name, sns) ->
          routes.post(sns.webhook().endpoint(), ctx -> receive(ctx, name, sns))));
      log.atInfo().addKeyValue("eventSource", events.sourceName())
          .addKeyValue("port", bound).addKeyValue("events", configured.keySet())
          .log("sns endpoint listening");
    } catch (RuntimeException e) {
      problems.add("spec.sns: cannot listen on port " + port + ": " + e.getMessage());
    }
  }

  private static long limit(SnsEventSource sns) {
    Long limit = sns.webhook().maxPayloadSize();
    return limit == null || limit <= 0 ? MAX_PAYLOAD : limit;
  }

  private void receive(Context ctx, String name, SnsEventSource sns) {
    if (ctx.contentLength() > limit(sns)) {
      answer(ctx, 413, "the body has " + ctx.contentLength() + " bytes; the limit is "
          + limit(sns));
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    JsonNode message;
    try {
      message = Codec.json().readTree(body);
    } catch (IOException e) {
      answer(ctx, 400, "the body is not an SNS message (JSON)");
      return;
    }
    if (message == null || !message.isObject() || !message.path("Type").isTextual()) {
      answer(ctx, 400, "the body is not an SNS message: no Type");
      return;
    }
    if (!sns.topicArn().equals(message.path("TopicArn").asText())) {
      // Anyone may subscribe this endpoint to their own topic; only the configured one counts.
      answer(ctx, 403, "TopicArn " + message.path("TopicArn") + " is not " + sns.topicArn());
      return;
    }
    if (Boolean.TRUE.equals(sns.validateSignature())) {
      String refusal = signatures.get(name).refusal(message);
      if (refusal != null) {
        log.atWarn().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
            .addKeyValue("reason", refusal).log("sns message with a bad signature refused");
        answer(ctx, 403, refusal);
        return;
      }
    }
    switch (message.get("Type").asText()) {
      case "SubscriptionConfirmation" -> confirm(ctx, name, sns, message);
      case "Notification" -> publish(ctx, name, sns, message);
      case "UnsubscribeConfirmation" -> answer(ctx, 200, "unsubscribed");
      default -> answer(ctx, 400, "unknown SNS message Type " + message.get("Type"));
    }
  }

  private void confirm(Context ctx, String name, SnsEventSource sns, JsonNode message) {
    String url = message.path("SubscribeURL").asText("");
    if (!signatures.get(name).trusted(url)) {
      answer(ctx, 400, "SubscribeURL " + url + " is not an https URL of an SNS host");
      return;
    }
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        answer(ctx, 502, "confirming the subscription at SubscribeURL answered "
            + response.statusCode());
        return;
      }
      log.atInfo().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
          .addKeyValue("topicArn", message.path("TopicArn").asText())
          .log("sns subscription confirmed");
      answer(ctx, 200, "subscription confirmed");
    } catch (IOException | IllegalArgumentException e) {
      answer(ctx, 502, "cannot confirm the subscription at SubscribeURL: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(ctx, 503, "interrupted while confirming the subscription");
    }
  }

  private void publish(Context ctx, String name, SnsEventSource sns, JsonNode message) {
    ObjectNode data = BrokerEvents.object();
    ObjectNode header = data.putObject("header");
    for (String headerName : Collections.list(ctx.req().getHeaderNames())) {
      var values = header.putArray(headerName);
      Collections.list(ctx.req().getHeaders(headerName)).forEach(values::add);
    }
    data.set("body", message);
    BrokerEvents.withMetadata(data, sns.metadata());
    String messageId = message.path("MessageId").asText("");
    Outcome outcome = events.publish(name, sns.filter(), data,
        messageId.isEmpty() ? null : message.path("TopicArn").asText() + "/" + messageId);
    if (outcome == Outcome.FAILED) {
      answer(ctx, 503, "the event bus did not store the event");
    } else {
      answer(ctx, 200, outcome == Outcome.FILTERED ? "filtered" : "stored");
    }
  }

  private static void answer(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json")
        .result(Codec.toJson(Map.of("message", message)));
  }
}
