package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.Resources;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookEventSourceRunnerTest {

  private static final String SOURCE = """
      apiVersion: argoproj.io/v1alpha1
      kind: EventSource
      metadata: {name: hooks}
      spec:
        webhook:
          open:
            port: "0"
            endpoint: /open
            method: POST
            metadata: {team: blue}
          guarded:
            port: "0"
            endpoint: /guarded
            method: PUT
            maxPayloadSize: 16
            authSecret: {name: hook-token, key: token}
      """;

  private final HttpClient client = HttpClient.newHttpClient();
  private final Secrets secrets = Secrets.fromEnvironmentAndFolder(
      Map.of("NAVIS_SECRET_HOOK_TOKEN_TOKEN", "s3cret"), java.nio.file.Path.of("/nonexistent"));
  private InMemoryEventBus bus = new InMemoryEventBus();
  private WebhookEventSourceRunner runner;

  @AfterEach
  void close() {
    runner.close();
    bus.close();
  }

  private static EventSource source(String yaml) {
    return Resources.parse("source.yaml", yaml).resources().getFirst().as(EventSource.class);
  }

  private HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + runner.boundPort("0") + path))
        .method(method, BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }

  @Test
  void answers200WithTheEventIdOnlyAfterTheBusStoredIt() throws Exception {
    runner = WebhookEventSourceRunner.start(source(SOURCE), bus, secrets, Clock.systemUTC());
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    bus.subscribe(null, "s", new EventDependency("d", "hooks", "open", null, null, null),
        delivery -> {
          received.add(delivery.event());
          delivery.ack();
        });

    HttpResponse<String> response = send("POST", "/open", "{\"message\":\"hi\"}", null);

    assertThat(response.statusCode()).isEqualTo(200);
    String id = response.headers().firstValue(WebhookEventSourceRunner.EVENT_ID_HEADER)
        .orElseThrow();
    assertThat(Codec.json().readTree(response.body()).get("id").asText()).isEqualTo(id);
    Event event = received.poll(5, TimeUnit.SECONDS);
    assertThat(event.id()).isEqualTo(id);
    assertThat(event.context().type()).isEqualTo("webhook");
    assertThat(event.context().source()).isEqualTo("hooks");
    assertThat(event.context().subject()).isEqualTo("open");
    JsonNode data = event.data();
    assertThat(data.at("/body/message").asText()).isEqualTo("hi");
    assertThat(data.at("/metadata/team").asText()).isEqualTo("blue");
    assertThat(data.get("header").isObject()).isTrue();
  }

  @Test
  void refusesWrongMethodMissingTokenAndOversizedBodies() throws Exception {
    runner = WebhookEventSourceRunner.start(source(SOURCE), bus, secrets, Clock.systemUTC());

    assertThat(send("GET", "/open", "", null).statusCode()).isEqualTo(405);
    assertThat(send("PUT", "/guarded", "{}", null).statusCode()).isEqualTo(401);
    assertThat(send("PUT", "/guarded", "{}", "wrong").statusCode()).isEqualTo(401);
    assertThat(send("PUT", "/guarded", "{\"far\":\"too long a body\"}", "s3cret")
        .statusCode()).isEqualTo(413);
    assertThat(send("PUT", "/guarded", "plain text", "s3cret").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/health", "", null).statusCode()).isEqualTo(200);
  }

  @Test
  void refusalsKeepTheConnectionOfABodyThatArrivesLate() throws Exception {
    runner = WebhookEventSourceRunner.start(source(SOURCE), bus, secrets, Clock.systemUTC());

    try (SlowBodyClient slow = new SlowBodyClient(runner.boundPort("0"))) {
      for (int request = 0; request < 3; request++) {
        SlowBodyClient.Answer refused = slow.send("PUT", "/open", "{\"late\": true}");

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.keepsConnection()).as("request %d", request).isTrue();
      }
      assertThat(slow.send("PUT", "/guarded", "{}").status()).isEqualTo(401);
    }
  }

  @Test
  void aBusThatCannotStoreTheEventMeans503() throws Exception {
    EventBus broken = new EventBus() {
      @Override
      public CompletableFuture<PublishReceipt> publish(String name, Event event) {
        return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
      }

      @Override
      public Subscription subscribe(String name, String sensor, EventDependency dependency,
          DeliveryHandler handler) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
    runner = WebhookEventSourceRunner.start(source(SOURCE), broken, secrets, Clock.systemUTC());

    HttpResponse<String> response = send("POST", "/open", "{}", null);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("disk full");
    assertThat(response.headers().firstValue(WebhookEventSourceRunner.EVENT_ID_HEADER))
        .isEmpty();
  }

  @Test
  void eventsThatCannotBeServedAreNamedNotThrown() {
    String yaml = SOURCE.replace("name: hook-token", "name: missing")
        .replace("endpoint: /open", "endpoint: open");
    runner = WebhookEventSourceRunner.start(source(yaml), bus, secrets, Clock.systemUTC());

    assertThat(runner.problems()).hasSize(2).anySatisfy(problem ->
        assertThat(problem).contains("spec.webhook.open.endpoint"))
        .anySatisfy(problem -> assertThat(problem).contains("spec.webhook.guarded.authSecret"));
  }

  @Test
  void aFilterExpressionKeepsEventsOffTheBus() throws Exception {
    String yaml = SOURCE.replace("metadata: {team: blue}",
        "filter: {expression: \"body.value > 50\"}");
    runner = WebhookEventSourceRunner.start(source(yaml), bus, secrets, Clock.systemUTC());

    HttpResponse<String> low = send("POST", "/open", "{\"value\": 10}", null);
    HttpResponse<String> high = send("POST", "/open", "{\"value\": 51}", null);

    assertThat(low.body()).contains("filtered");
    assertThat(low.headers().firstValue(WebhookEventSourceRunner.EVENT_ID_HEADER)).isEmpty();
    assertThat(high.headers().firstValue(WebhookEventSourceRunner.EVENT_ID_HEADER)).isPresent();
  }

  @Test
  void aRetriedRequestWithTheCallersIdIsStoredOnce() throws Exception {
    runner = WebhookEventSourceRunner.start(source(SOURCE), bus, secrets, Clock.systemUTC());
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    bus.subscribe(null, "s", new EventDependency("d", "hooks", "open", null, null, null),
        delivery -> {
          received.add(delivery.event());
          delivery.ack();
        });
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + runner.boundPort("0") + "/open"))
        .header(WebhookEventSourceRunner.EVENT_ID_HEADER, "order-42")
        .POST(BodyPublishers.ofString("{}")).build();

    HttpResponse<String> first = client.send(request, BodyHandlers.ofString());
    HttpResponse<String> retry = client.send(request, BodyHandlers.ofString());

    assertThat(first.body()).contains("\"duplicate\":false").contains("order-42");
    assertThat(retry.body()).contains("\"duplicate\":true");
    assertThat(received.poll(5, TimeUnit.SECONDS).id()).isEqualTo("order-42");
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }
}
