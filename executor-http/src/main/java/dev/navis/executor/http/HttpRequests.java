package dev.navis.executor.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.HttpTemplate;
import dev.navis.api.model.HttpTemplate.HttpHeader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Turns a substituted http template into the request it describes. */
final class HttpRequests {

  /** Argo's default for {@code timeoutSeconds}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private HttpRequests() {}

  /** The request of {@code http}; a template that cannot be sent is an {@link InvalidRequest}. */
  static HttpRequest of(HttpTemplate http) throws InvalidRequest {
    URI uri = uriOf(http.url());
    String method = methodOf(http);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(timeoutOf(http))
        .method(method, bodyOf(http));

    List<HttpHeader> headers = http.headers() == null ? List.of() : http.headers();
    for (HttpHeader header : headers) {
      addHeader(builder, header);
    }
    return builder.build();
  }

  static String methodOf(HttpTemplate http) {
    return http.method() == null || http.method().isBlank() ? "GET"
        : http.method().strip().toUpperCase(Locale.ROOT);
  }

  static Duration timeoutOf(HttpTemplate http) {
    Long seconds = http.timeoutSeconds();
    return seconds == null || seconds <= 0 ? DEFAULT_TIMEOUT : Duration.ofSeconds(seconds);
  }

  private static URI uriOf(String url) throws InvalidRequest {
    if (url == null || url.isBlank()) {
      throw new InvalidRequest("http template has no url");
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new InvalidRequest("url '" + url + "' is not an http or https url with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidRequest("url '" + url + "' is not a url: " + e.getReason());
    }
  }

  private static BodyPublisher bodyOf(HttpTemplate http) throws InvalidRequest {
    if (http.body() != null) {
      return BodyPublishers.ofString(http.body(), StandardCharsets.UTF_8);
    }
    JsonNode from = http.bodyFrom();
    if (from == null || from.isNull()) {
      return BodyPublishers.noBody();
    }
    JsonNode bytes = from.get("bytes");
    if (bytes == null || !bytes.isTextual()) {
      throw new InvalidRequest("bodyFrom needs 'bytes' (base64 text), found " + from);
    }
    try {
      return BodyPublishers.ofByteArray(Base64.getMimeDecoder().decode(bytes.asText()));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("bodyFrom.bytes is not base64: " + e.getMessage());
    }
  }

  private static void addHeader(HttpRequest.Builder builder, HttpHeader header)
      throws InvalidRequest {
    if (header.name() == null || header.name().isBlank()) {
      throw new InvalidRequest("an http header has no name");
    }
    if (header.value() == null && header.valueFrom() != null) {
      String source = header.valueFrom().has("secretKeyRef") ? "valueFrom.secretKeyRef"
          : "valueFrom";
      throw new InvalidRequest("header '" + header.name() + "': " + source
          + " needs Kubernetes; give the value instead");
    }
    try {
      builder.header(header.name(), header.value() == null ? "" : header.value());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("header '" + header.name() + "' cannot be sent: "
          + e.getMessage());
    }
  }
}
