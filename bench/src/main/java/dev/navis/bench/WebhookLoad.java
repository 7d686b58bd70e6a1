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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 *
 * <p>API is the server's base URL ({@code http://127.0.0.1:2746}), WEBHOOK the whole URL of the
 * event's endpoint ({@code http://127.0.0.1:12000/example}: the port and endpoint of the
 * EventSource), SENSOR the sensor's name. Requests are HTTP/1.1, as webhook callers send them.
 */
public final class WebhookLoad {

  private static final String NAMESPACE = "default";
  private static final String EVENT_ID_LABEL = "navis.dev/event-id";
  private static final long GIVE_UP_MS = 120_000;
  private static final long POLL_MS = 100;

  // HTTP/1.1: the JDK's default (HTTP/2) sends an h2c upgrade offer with every cleartext
  // request, which webhook callers do not.
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
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
    Map<String, Long> runningAt = new HashMap<>();
    Queue<WatchLine> lines = new ConcurrentLinkedQueue<>();
    CountDownLatch watching = new CountDownLatch(1);
    Thread watcher = Thread.ofVirtual().start(() -> watch(lines, watching));
    if (!watching.await(10, TimeUnit.SECONDS)) {
      throw new IOException("the watch stream did not open within 10 s");
    }

    warmUp();
    List<Long> answerMicros = postAtRate(count, rate, sentAt);
    awaitAll(() -> {
      noteRunning(lines, runningAt);
      return runningAt.keySet().containsAll(sentAt.keySet());
    });
    watcher.interrupt();

    List<Long> millis = new ArrayList<>();
    sentAt.forEach((id, sent) -> {
      Long running = runningAt.get(id);
      if (running != null) {
        millis.add((running - sent) / 1_000_000);
      }
    });
    System.out.printf("webhook -> workflow Running, %d of %d events at %d/s: %s ms%n",
        millis.size(), count, rate, Percentiles.summary(millis));
    System.out.printf("  of which the webhook's answer (the event stored on the bus): %s us%n",
        Percentiles.summary(answerMicros));
  }

  /** Posts COUNT events, RATE a second; notes when each was sent, returns each answer time. */
  private List<Long> postAtRate(int count, int rate, Map<String, Long> sentAt)
      throws IOException, InterruptedException {
    List<Long> answerMicros = new ArrayList<>();
    long pause = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      // Parked, not spinning: a spinning client takes one of the machine's two cores.
      LockSupport.parkNanos(next - System.nanoTime());
      long sent = System.nanoTime();
      String id = post("{\"message\":\"latency " + i + "\"}");
      answerMicros.add((System.nanoTime() - sent) / 1_000);
      sentAt.put(id, sent);
      next += pause;
    }
    return answerMicros;
  }

  private void throughput(int seconds, int clients) throws Exception {
    double before = triggered();
    Tally tally = new Tally();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> postUntil(end, client, tally)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long accepted = tally.accepted.get();

    awaitAll(() -> triggered() - before >= accepted);
    long counted = Math.round(triggered() - before);
    double drained = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d events accepted in %.1f s by %d clients: %.0f events/s;"
        + " %d refused, %d failed%n", accepted, elapsed, clients, accepted / elapsed,
        tally.refused.get(), tally.failed.get());
    System.out.printf("%d of %d counted at the sensor %.1f s after the first event: %.0f/s%s%n",
        counted, accepted, drained, counted / drained,
        counted >= accepted ? "" : " (gave up waiting for the rest)");
  }

  /** What the webhook answered: 200, another status, or no answer at all. */
  private static final class Tally {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
  }

  /** Posts until the end; a request without an answer is counted, not fatal to the run. */
  private Void postUntil(long end, int client, Tally tally) throws InterruptedException {
    for (int i = 0; System.nanoTime() < end; i++) {
      try {
        HttpResponse<String> response = send("{\"message\":\"c" + client + " e" + i + "\"}");
        (response.statusCode() == 200 ? tally.accepted : tally.refused).incrementAndGet();
      } catch (IOException e) {
        if (tally.failed.getAndIncrement() == 0) {
          System.err.println("first request without an answer: " + e);
        }
      }
    }
    return null;
  }

  /**
   * Opens the connection to the webhook's port and loads the client's classes, which would
   * otherwise count in the first events' times.
   */
  private void warmUp() throws IOException, InterruptedException {
    URI health = URI.create(webhook).resolve("/health");
    for (int i = 0; i < 10; i++) {
      client.send(HttpRequest.newBuilder(health).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }
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

  /** A line of the watch stream, and when it arrived. */
  private record WatchLine(String text, long arrived) {}

  /**
   * Follows the sensor's workflows, noting when each line arrives. The lines are read later:
   * the first parse in a fresh JVM takes a few hundred milliseconds, which would delay the
   * arrival times of the lines behind it.
   */
  private void watch(Queue<WatchLine> lines, CountDownLatch watching) {
    String selector = "events.argoproj.io/sensor=" + sensor;
    URI uri = URI.create(api + "/api/v1/workflow-events/" + NAMESPACE
        + "?listOptions.labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    try {
      HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      watching.countDown();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(new WatchLine(line, System.nanoTime()));
        }
      }
    } catch (IOException e) {
      if (!Thread.currentThread().isInterrupted()) {
        System.err.println("the watch stream ended: " + e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the lines that came; notes when each event's workflow was first seen Running. */
  private static void noteRunning(Queue<WatchLine> lines, Map<String, Long> runningAt)
      throws IOException {
    for (WatchLine line = lines.poll(); line != null; line = lines.poll()) {
      if (line.text().isBlank()) {
        continue; // the server's heartbeat
      }
      JsonNode workflow = Codec.json().readTree(line.text()).path("result").path("object");
      String phase = workflow.path("status").path("phase").asText("");
      String event = workflow.path("metadata").path("labels").path(EVENT_ID_LABEL).asText("");
      if (!event.isEmpty() && !phase.isEmpty() && !phase.equals("Pending")) {
        runningAt.putIfAbsent(event, line.arrived());
      }
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
      Thread.sleep(POLL_MS); // each look at /metrics costs the server a scrape
    }
  }
}
