package dev.navis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few calls of Argo's REST API the service benchmarks make, over plain java.net.http. */
final class Api {

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Api(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** POSTs a JSON body; returns the parsed answer, or throws with the status and body. */
  JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return send(request);
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    return send(request);
  }

  void delete(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30)).DELETE().build();
    client.send(request, HttpResponse.BodyHandlers.discarding());
  }

  /** The workflows of a namespace with a label, optionally in one phase. */
  JsonNode listWorkflows(String namespace, String labelSelector, String phase)
      throws IOException, InterruptedException {
    String query = "?listOptions.labelSelector=" + encode(labelSelector);
    if (phase != null) {
      query += "&listOptions.fieldSelector=" + encode("status.phase=" + phase);
    }
    return get("/api/v1/workflows/" + namespace + query);
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri() + ": "
          + response.statusCode() + " " + response.body());
    }
    return Codec.json().readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
