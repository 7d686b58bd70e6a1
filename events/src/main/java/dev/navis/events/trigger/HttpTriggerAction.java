package dev.navis.events.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.navis.api.Codec;
import dev.navis.api.model.events.HttpTrigger;
import dev.navis.api.model.events.SecretKeySelector;
import dev.navis.api.model.events.Trigger.StatusPolicy;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.TriggerParameters;
import dev.navis.events.sensor.TriggerParameters.ParameterException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code http} trigger: sends a JSON object built by the {@code payload} parameters to
 * {@code url} (POST unless {@code method} says otherwise), with {@code headers},
 * {@code secureHeaders} (values from secrets) and {@code basicAuth}, within {@code timeout}
 * seconds (60 by default). Its own {@code parameters} rewrite the trigger first (its url, say).
 * A status in the trigger's {@code policy.status.allow} succeeds; without that policy any 2xx
 * does.
 */
public final class HttpTriggerAction implements TriggerAction {

  private static final long DEFAULT_TIMEOUT_SECONDS = 60;

  private final HttpClient client;
  private final Secrets secrets;

  public HttpTriggerAction(Secrets secrets) {
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.secrets = secrets;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    HttpRequest httpRequest;
    try {
      HttpTrigger http = parameterized(request.template().http(), request);
      String url = http.url() != null ? http.url() : http.serverURL();
      if (url == null || url.isBlank()) {
        return TriggerOutcome.failed("http: no url");
      }
      JsonNode payload = TriggerParameters.apply(JsonNodeFactory.instance.objectNode(),
          http.payload(), request.events());
      httpRequest = build(http, url, Codec.toJson(payload));
    } catch (ParameterException | IllegalArgumentException e) {
      return TriggerOutcome.failed("http: " + e.getMessage());
    }
    return send(httpRequest, request.statusPolicy());
  }

  /** The trigger with its own {@code parameters} applied (to its url, headers...). */
  private static HttpTrigger parameterized(HttpTrigger http, TriggerRequest request) {
    if (http.parameters() == null || http.parameters().isEmpty()) {
      return http;
    }
    JsonNode applied = TriggerParameters.apply(Codec.json().valueToTree(http),
        http.parameters(), request.events());
    return Codec.json().convertValue(applied, HttpTrigger.class);
  }

  private HttpRequest build(HttpTrigger http, String url, String payload) {
    String method = http.method() == null ? "POST" : http.method().toUpperCase(Locale.ROOT);
    long timeout = http.timeout() == null || http.timeout() <= 0 ? DEFAULT_TIMEOUT_SECONDS
        : http.timeout();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(timeout))
        .header("Content-Type", "application/json")
        .method(method, method.equals("GET") ? BodyPublishers.noBody()
            : BodyPublishers.ofString(payload));
    if (http.headers() != null) {
      http.headers().forEach(builder::setHeader);
    }
    if (http.basicAuth() != null) {
      String user = secret(http.basicAuth().username(), "basicAuth.username");
      String password = secret(http.basicAuth().password(), "basicAuth.password");
      String token = Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.setHeader("Authorization", "Basic " + token);
    }
    for (JsonNode header : http.secureHeaders() == null ? List.<JsonNode>of()
        : http.secureHeaders()) {
      builder.setHeader(header.path("name").asText(), secureHeader(header));
    }
    return builder.build();
  }

  private String secret(SecretKeySelector selector, String field) {
    Optional<String> value = secrets.lookup(selector);
    return value.orElseThrow(() -> new IllegalArgumentException(field + ": secret "
        + (selector == null ? "(none)" : selector.name() + "/" + selector.key())
        + " not found"));
  }

  /** A header whose value is {@code valueFrom.secretKeyRef}, as Argo Events spells it. */
  private String secureHeader(JsonNode header) {
    JsonNode ref = header.path("valueFrom").path("secretKeyRef");
    if (header.path("name").asText().isEmpty() || !ref.isObject()) {
      throw new IllegalArgumentException("secureHeaders: expected {name, valueFrom:"
          + " {secretKeyRef: {name, key}}}, found " + header);
    }
    return secret(new SecretKeySelector(ref.path("name").asText(), ref.path("key").asText(),
        null), "secureHeaders." + header.path("name").asText());
  }

  private TriggerOutcome send(HttpRequest request, StatusPolicy policy) {
    HttpResponse<String> response;
    try {
      response = client.send(request, BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return TriggerOutcome.failed("http " + request.method() + " " + request.uri()
          + ": no answer within " + request.timeout().orElseThrow().toSeconds() + "s");
    } catch (IOException e) {
      return TriggerOutcome.failed("http " + request.method() + " " + request.uri() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TriggerOutcome.failed("http: interrupted");
    }
    int status = response.statusCode();
    boolean allowed = policy != null && policy.allow() != null
        ? policy.allow().contains(status) : status >= 200 && status < 300;
    String detail = "http " + request.method() + " " + request.uri() + " answered " + status;
    return allowed ? TriggerOutcome.succeeded(detail)
        : TriggerOutcome.failed(detail + (policy == null ? "" : ", allowed "
            + Optional.ofNullable(policy.allow()).orElse(List.of())));
  }
}
