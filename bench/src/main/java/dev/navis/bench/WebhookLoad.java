package dev.navis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event path of a running server, from a webhook call onwards.
 *
 * <ul>
 *   <li>{@code latency API WEBHOOK SENSOR COUNT RATE}: posts COUNT events, RATE a second, and
 *       times each from the moment its POST is sent until the workflow its sensor started is
 *       seen Running on the watch stream (the first phase at or past Running that is seen).
 *   <li>{@code throughput API WEBHOOK SENSOR SECONDS CLIENTS}: CLIENTS clients post as fast as
 *       they can for SECONDS; then waits until the sensor has fired its trigger once for every
 *       event the webhook accepted ({@code argo_events_action_triggered_total} on /metrics),
 *       and reports events per second, accepted and counted.
 * </ul>
 */
public final class WebhookLoad {

  private static final String NAMESPACE = "default";
  private static final String EVENT_ID_LABEL = "navis.dev/event-id";
  private static final long GIVE_UP_MS = 120_000;

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String api;
  private final String webhook;
  private final String sensor;

  private WebhookLoad(String api, String webhook, String sensor) {
    this.api = api;
    this.webhook = webhook;
    this.sensor = sensor;
  }

  public static void main(String[] args) throws Exception {
    WebhookLoad load = new WebhookLoad(args[1], args[2], args[3]);
    int first = Integer.parseInt(args[4]);
    int second = Integer.parseInt(args[5]);
    switch (args[0]) {
      case "latency" -> load.latency(first, second);
      case "throughput" -> load.throughput(first, second);
      default -> throw new IllegalArgumentException("mode: latency or throughput");
    }
  }

  private void latency(int count, int rate) throws Exception {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> runningAt = new ConcurrentHashMap<>();
    Thread watcher = Thread.ofVirtual().start(() -> watchRunning(runningAt));
    Thread.sleep(500); // the watch is open before the first event

    long pause = 1_000_000_000L / rate;
    for (int i = 0; i < count; i++) {
      long sent = System.nanoTime();
      String id = post("{\"message\":\"latency " + i + "\"}");
      sentAt.put(id, sent);
      long next = sent + pause;
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
    }
    awaitAll(() -> runningAt.keySet().containsAll(sentAt.keySet()));
    watcher.interrupt();

    List<Long> millis = new ArrayList<>();
    sentAt.forEach((id, sent) -> {
      Long running = runningAt.get(id);
      if (running != null) {
        millis.add((running - sent) / 1_000_000);
      }
    });
    System.out.printf("webhook -> workflow Running, %d of %d events: %s ms%n", millis.size(),
        count, Percentiles.summary(millis));
  }

  private void throughput(int seconds, int clients) throws Exception {
    double before = triggered();
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> postUntil(end, client, accepted, refused)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;

    awaitAll(() -> triggered() - before >= accepted.get());
    long counted = Math.round(triggered() - before);
    double drained = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d events accepted in %.1f s by %d clients: %.0f events/s; %d refused%n",
        accepted.get(), elapsed, clients, accepted.get() / elapsed, refused.get());
    System.out.printf("%d of %d counted at the sensor %.1f s after the first event: %.0f/s%n",
        counted, accepted.get(), drained, counted / drained);
  }

  private Void postUntil(long end, int client, AtomicLong accepted, AtomicLong refused)
      throws Exception {
    for (int i = 0; System.nanoTime() < end; i++) {
      HttpResponse<String> response = send("{\"message\":\"c" + client + " e" + i + "\"}");
      if (response.statusCode() == 200) {
        accepted.incrementAndGet();
      } else {
        refused.incrementAndGet();
      }
    }
    return null;
  }

  /** Posts one event; returns its id, from the answer's header. */
  private String post(String body) throws IOException, InterruptedException {
    HttpResponse<String> response = send(body);
    if (response.statusCode() != 200) {
      throw new IOException("webhook answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.headers().firstValue("X-Navis-Event-Id")
        .orElseThrow(() -> new IOException("no X-Navis-Event-Id header in the answer"));
  }

  private HttpResponse<String> send(String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(webhook))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Follows the sensor's workflows; notes when each event's workflow is first Running. */
  private void watchRunning(Map<String, Long> runningAt) {
    String selector = "events.argoproj.io/sensor=" + sensor;
    URI uri = URI.create(api + "/api/v1/workflow-events/" + NAMESPACE
        + "?listOptions.labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    try {
      HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          noteRunning(line, runningAt);
        }
      }
    } catch (IOException e) {
      System.err.println("the watch stream ended: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void noteRunning(String line, Map<String, Long> runningAt) throws IOException {
    if (line.isBlank()) {
      return;
    }
    long now = System.nanoTime();
    JsonNode workflow = Codec.json().readTree(line).path("result").path("object");
    String phase = workflow.path("status").path("phase").asText("");
    String event = workflow.path("metadata").path("labels").path(EVENT_ID_LABEL).asText("");
    if (!event.isEmpty() && !phase.isEmpty() && !phase.equals("Pending")) {
      runningAt.putIfAbsent(event, now);
    }
  }

  /** The sensor's triggers fired so far, from the server's Prometheus page. */
  private double triggered() throws IOException, InterruptedException {
    HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
        URI.create(api + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
    Pattern line = Pattern.compile("^argo_events_action_triggered_total\\{[^}]*sensor_name=\""
        + Pattern.quote(sensor) + "\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
    double total = 0;
    for (Matcher m = line.matcher(metrics.body()); m.find(); ) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  @FunctionalInterface
  private interface Check {
    boolean done() throws Exception;
  }

  private static void awaitAll(Check check) throws Exception {
    long giveUp = System.nanoTime() + GIVE_UP_MS * 1_000_000;
    while (!check.done() && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
  }
}
