package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.Resources;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.NatsServers;
import dev.navis.events.Secrets;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nats event source against the shared NATS server (and a private one it stops). */
class NatsEventSourceRunnerTest {

  private final String subject = NatsServers.unique("navis.test.nats");
  private final InMemoryEventBus bus = new InMemoryEventBus();
  private final LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
  private NatsEventSourceRunner runner;

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
    bus.close();
  }

  private static EventSource source(String yaml) {
    return Resources.parse("nats.yaml", yaml).resources().getFirst().as(EventSource.class);
  }

  private void start(EventSource source, String eventName, Secrets secrets) {
    bus.subscribe(null, "s", new EventDependency("d", source.metadata().name(), eventName,
        null, null, null), delivery -> {
          received.add(delivery.event());
          delivery.ack();
        });
    runner = NatsEventSourceRunner.start(source, bus, secrets, Clock.systemUTC());
  }

  private static void send(String url, String subject, String body, Headers headers)
      throws Exception {
    try (Connection connection = Nats.connect(url)) {
      connection.publish(subject, headers, body.getBytes(StandardCharsets.UTF_8));
      connection.flush(Duration.ofSeconds(2));
    }
  }

  @Test
  void aMessageBecomesAnEventShapedAsArgoEventsMakesIt() throws Exception {
    start(source("""
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: orders}
        spec:
          nats:
            placed:
              url: %s
              subject: %s
              jsonBody: true
              metadata: {team: shop}
        """.formatted(NatsServers.SHARED, subject)), "placed", Secrets.none());
    assertThat(runner.problems()).isEmpty();

    send(NatsServers.SHARED, subject, "{\"id\":7,\"items\":[\"tea\"]}",
        new Headers().add("X-Trace", "abc"));

    Event event = received.poll(5, TimeUnit.SECONDS);
    assertThat(event).isNotNull();
    assertThat(event.context().type()).isEqualTo("nats");
    assertThat(event.eventSource()).isEqualTo("orders");
    assertThat(event.eventName()).isEqualTo("placed");
    assertThat(event.data()).isEqualTo(Codec.json().readTree("""
        {"subject": "%s", "body": {"id": 7, "items": ["tea"]},
         "header": {"X-Trace": ["abc"]}, "metadata": {"team": "shop"}}
        """.formatted(subject)));
  }

  @Test
  void withoutJsonBodyTheBodyIsBase64AndTheFilterDecides() throws Exception {
    start(source("""
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: raw}
        spec:
          nats:
            any:
              url: %s
              subject: "%s.*"
              filter: {expression: "subject != '%s.skip'"}
        """.formatted(NatsServers.SHARED, subject, subject)), "any", Secrets.none());

    send(NatsServers.SHARED, subject + ".skip", "not this", null);
    send(NatsServers.SHARED, subject + ".keep", "plain text", null);

    Event event = received.poll(5, TimeUnit.SECONDS);
    assertThat(event.data().get("subject").asText()).isEqualTo(subject + ".keep");
    assertThat(event.data().get("body").asText()).isEqualTo("cGxhaW4gdGV4dA==");
    assertThat(event.data().get("header").isNull()).isTrue();
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aBrokenUrlAMissingSubjectAndAMissingSecretAreProblems() {
    String unreachable = "nats://127.0.0.1:" + NatsServers.freePort();
    runner = NatsEventSourceRunner.start(source("""
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: broken}
        spec:
          nats:
            bad: {url: "http://[::1", subject: foo}
            down: {url: "%s", subject: foo}
            nosubject: {url: "%s"}
            nosecret:
              url: %s
              subject: foo
              auth: {token: {name: nats, key: token}}
        """.formatted(unreachable, NatsServers.SHARED, NatsServers.SHARED)), bus,
        Secrets.none(), Clock.systemUTC());

    assertThat(runner.problems()).hasSize(4).anySatisfy(problem ->
        assertThat(problem).startsWith("spec.nats.bad.url: expected nats://host:port"))
        .anySatisfy(problem -> assertThat(problem).startsWith("spec.nats.down.url: cannot"
            + " connect to the NATS server at " + unreachable))
        .contains("spec.nats.nosubject.subject: required",
            "spec.nats.nosecret.auth.token: secret nats/token not found");
  }

  @Test
  void aTokenFromSecretsIsSentAndADroppedConnectionReconnects() throws Exception {
    try (NatsServers.Private server = new NatsServers.Private("--auth", "s3cret")) {
      Secrets secrets = selector -> Optional.ofNullable(Map.of("nats/token", "s3cret")
          .get(selector.name() + "/" + selector.key()));
      start(source("""
          apiVersion: argoproj.io/v1alpha1
          kind: EventSource
          metadata: {name: flaky}
          spec:
            nats:
              e: {url: "%s", subject: "%s", auth: {token: {name: nats, key: token}}}
          """.formatted(server.url(), subject)), "e", secrets);
      assertThat(runner.problems()).isEmpty();
      String withToken = server.url().replace("nats://", "nats://s3cret@");

      server.stop();
      server.start();
      Event event = null;
      for (int i = 0; i < 50 && event == null; i++) {
        send(withToken, subject, "again", null);
        event = received.poll(200, TimeUnit.MILLISECONDS);
      }

      assertThat(event).isNotNull();
      assertThat(event.data().get("body").asText()).isEqualTo("YWdhaW4=");
    }
  }

  @Test
  void aServerThatComesUpLaterIsConnectedTo() throws Exception {
    try (NatsServers.Private server = NatsServers.Private.notStartedYet()) {
      start(source("""
          apiVersion: argoproj.io/v1alpha1
          kind: EventSource
          metadata: {name: early}
          spec:
            nats:
              e: {url: "%s", subject: "%s", connectionBackoff: {duration: 100ms}}
          """.formatted(server.url(), subject)), "e", Secrets.none());
      assertThat(runner.problems()).singleElement().asString()
          .startsWith("spec.nats.e.url: cannot connect to the NATS server at " + server.url())
          .endsWith("; trying again every 100ms");

      server.start();
      Event event = null;
      for (int i = 0; i < 50 && event == null; i++) {
        send(server.url(), subject, "late", null);
        event = received.poll(100, TimeUnit.MILLISECONDS);
      }

      assertThat(event).isNotNull();
    }
  }

  @Test
  void anNkeySeedFromSecretsSignsIn() throws Exception {
    NKey user = NKey.createUser(null);
    Path config = Files.createTempFile("navis-nats-nkey", ".conf");
    Files.writeString(config, "authorization { users = [ { nkey: "
        + new String(user.getPublicKey()) + " } ] }\n");
    Secrets secrets = selector -> Optional.of(new String(user.getSeed()));
    try (NatsServers.Private server = new NatsServers.Private("-c", config.toString())) {
      start(source("""
          apiVersion: argoproj.io/v1alpha1
          kind: EventSource
          metadata: {name: signed}
          spec:
            nats:
              e: {url: "%s", subject: "%s", auth: {nkey: {name: nats, key: seed}}}
          """.formatted(server.url(), subject)), "e", secrets);
      assertThat(runner.problems()).isEmpty();

      try (Connection publisher = Nats.connect(new Options.Builder().server(server.url())
          .authHandler(Nats.staticCredentials(null, user.getSeed())).build())) {
        publisher.publish(subject, "signed".getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(2));
      }

      assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
    } finally {
      Files.delete(config);
    }
  }
}
