package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Resources;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.NatsServers;
import dev.navis.events.Secrets;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nats event source's {@code tls} against a private nats-server that requires TLS. */
class NatsTlsEventSourceTest {

  @TempDir
  static Path folder;
  private static NatsServers.Private server;
  private static String certificate;

  @BeforeAll
  static void startTlsServer() throws Exception {
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048",
        "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
        "subjectAltName=IP:127.0.0.1", "-keyout", folder.resolve("key.pem").toString(),
        "-out", folder.resolve("cert.pem").toString()).redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor()).as("openssl: " + output).isZero();
    certificate = Files.readString(folder.resolve("cert.pem"));
    server = new NatsServers.Private("--tls", "--tlscert", folder.resolve("cert.pem").toString(),
        "--tlskey", folder.resolve("key.pem").toString());
  }

  @AfterAll
  static void stopTlsServer() {
    server.close();
  }

  private static EventSource source(String tls, String subject) {
    return Resources.parse("nats.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: secure}
        spec:
          nats:
            e: {url: "%s", subject: "%s", tls: %s}
        """.formatted(server.url(), subject, tls)).resources().getFirst()
        .as(EventSource.class);
  }

  @Test
  void aServerCertificateSignedByTheCaFromSecretsIsTrusted() throws Exception {
    String subject = NatsServers.unique("tls");
    Secrets secrets = selector -> Optional.of(certificate);
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    try (InMemoryEventBus bus = new InMemoryEventBus();
        NatsEventSourceRunner runner = NatsEventSourceRunner.start(
            source("{caCertSecret: {name: nats, key: ca}}", subject), bus, secrets,
            Clock.systemUTC())) {
      bus.subscribe(null, "s", new EventDependency("d", "secure", "e", null, null, null),
          delivery -> {
            received.add(delivery.event());
            delivery.ack();
          });
      assertThat(runner.problems()).isEmpty();

      try (Connection publisher = Nats.connect(new Options.Builder().server(server.url())
          .sslContext(NatsTlsTrust.trustingEverything()).build())) {
        publisher.publish(subject, "hi".getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(2));
      }

      assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void withoutTlsOrWithAClientCertificateTheEventIsAProblem() {
    try (InMemoryEventBus bus = new InMemoryEventBus();
        NatsEventSourceRunner plain = NatsEventSourceRunner.start(
            source("null", "x"), bus, Secrets.none(), Clock.systemUTC());
        NatsEventSourceRunner mutual = NatsEventSourceRunner.start(
            source("{clientCertSecret: {name: c, key: k}}", "x"), bus, Secrets.none(),
            Clock.systemUTC())) {
      assertThat(plain.problems()).singleElement().asString()
          .startsWith("spec.nats.e.url: cannot connect to the NATS server at " + server.url());
      assertThat(mutual.problems()).containsExactly(
          "spec.nats.e.tls.clientCertSecret: client certificates are not supported yet");
    }
  }
}
