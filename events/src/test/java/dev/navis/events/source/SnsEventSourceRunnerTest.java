package dev.navis.events.source;

import static dev.navis.events.source.Brokers.json;
import static dev.navis.events.source.Brokers.next;
import static dev.navis.events.source.Brokers.received;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.navis.api.Codec;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sns event source, with a local stand-in for AWS: a key pair and self-signed certificate
 * made by keytool, the certificate and the SubscribeURL served by a local HTTP server, and
 * messages signed here as SNS signs them.
 */
class SnsEventSourceRunnerTest {

  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:orders";
  private static PrivateKey key;
  private static String certificatePem;

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<String> confirmations = new CopyOnWriteArrayList<>();
  private HttpServer aws;
  private EventBus bus = new InMemoryEventBus();
  private SnsEventSourceRunner runner;

  @BeforeAll
  static void makeKeyPair(@TempDir Path folder) throws Exception {
    Path store = folder.resolve("sns.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize",
        "2048", "-dname", "CN=sns.test", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    key = (PrivateKey) keys.getKey("sns", "changeit".toCharArray());
    Certificate certificate = keys.getCertificate("sns");
    certificatePem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
        "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  @BeforeEach
  void serveAws() throws IOException {
    aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    aws.createContext("/cert.pem", exchange -> {
      byte[] pem = certificatePem.getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, pem.length);
      exchange.getResponseBody().write(pem);
      exchange.close();
    });
    aws.createContext("/confirm", exchange -> {
      confirmations.add(exchange.getRequestURI().getQuery());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    aws.start();
  }

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
    bus.close();
    aws.stop(0);
  }

  private String awsUrl(String path) {
    return "http://127.0.0.1:" + aws.getAddress().getPort() + path;
  }

  private String yaml(boolean trustLocalEndpoint) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: aws}
        spec:
          sns:
            orders:
              topicArn: %s
              webhook: {port: "0", endpoint: /sns, method: POST}
              region: us-east-1
              validateSignature: true
              metadata: {team: blue}
        """.formatted(TOPIC) + (trustLocalEndpoint
        ? "      endpoint: " + awsUrl("") + "\n" : "");
  }

  private void start(String yaml) {
    runner = SnsEventSourceRunner.start(Brokers.source(yaml), bus, Clock.systemUTC());
    assertThat(runner.problems()).isEmpty();
  }

  private HttpResponse<String> post(ObjectNode message) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + runner.boundPort("0") + "/sns"))
        .header("x-amz-sns-message-type", message.get("Type").asText())
        .header("Content-Type", "text/plain; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(message.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private ObjectNode notification(String version) throws Exception {
    ObjectNode message = (ObjectNode) json("""
        {"Type": "Notification", "MessageId": "7e5c-%s", "TopicArn": "%s",
         "Subject": "order", "Message": "{\\"id\\": 42}",
         "Timestamp": "2026-12-04T05:22:08.000Z", "SignatureVersion": "%s",
         "SigningCertURL": "%s", "UnsubscribeURL": "%s"}"""
        .formatted(version, TOPIC, version, awsUrl("/cert.pem"), awsUrl("/unsubscribe")));
    String signed = "Message\n{\"id\": 42}\nMessageId\n7e5c-" + version + "\nSubject\norder\n"
        + "Timestamp\n2026-12-04T05:22:08.000Z\nTopicArn\n" + TOPIC + "\nType\nNotification\n";
    return message.put("Signature", sign(signed, version));
  }

  private ObjectNode confirmation() throws Exception {
    String subscribeUrl = awsUrl("/confirm?Action=ConfirmSubscription&Token=t0k3n");
    ObjectNode message = (ObjectNode) json("""
        {"Type": "SubscriptionConfirmation", "MessageId": "9a1-2", "Token": "t0k3n",
         "TopicArn": "%s", "Message": "You have chosen to subscribe.",
         "SubscribeURL": "%s", "Timestamp": "2026-12-04T05:20:00.000Z",
         "SignatureVersion": "1", "SigningCertURL": "%s"}"""
        .formatted(TOPIC, subscribeUrl, awsUrl("/cert.pem")));
    String signed = "Message\nYou have chosen to subscribe.\nMessageId\n9a1-2\n"
        + "SubscribeURL\n" + subscribeUrl + "\nTimestamp\n2026-12-04T05:20:00.000Z\n"
        + "Token\nt0k3n\nTopicArn\n" + TOPIC + "\nType\nSubscriptionConfirmation\n";
    return message.put("Signature", sign(signed, "1"));
  }

  private static String sign(String text, String version) throws Exception {
    Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA"
        : "SHA256withRSA");
    signer.initSign(key);
    signer.update(text.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  @Test
  void aSubscriptionConfirmationIsConfirmedByFetchingItsSubscribeUrl() throws Exception {
    start(yaml(true));

    HttpResponse<String> response = post(confirmation());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(confirmations).containsExactly("Action=ConfirmSubscription&Token=t0k3n");
  }

  @Test
  void aSignedNotificationBecomesAnEventWithTheNotificationAsBody() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, "aws", "orders");
    start(yaml(true));
    ObjectNode notification = notification("2");

    HttpResponse<String> response = post(notification);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Event event = next(received);
    assertThat(event.data().get("body")).isEqualTo(notification);
    assertThat(event.data().get("metadata")).isEqualTo(json("{\"team\": \"blue\"}"));
    assertThat(event.data().at("/header/X-amz-sns-message-type/0").asText()
        + event.data().at("/header/x-amz-sns-message-type/0").asText())
        .isEqualTo("Notification");
    assertThat(event.context().type()).isEqualTo("sns");
    assertThat(event.context().source()).isEqualTo("aws");
    assertThat(event.context().subject()).isEqualTo("orders");
    assertThat(event.context().time()).isBetween(Instant.now().minusSeconds(10), Instant.now());
    assertThat(post(notification("1")).statusCode()).isEqualTo(200);
    assertThat(next(received).data().at("/body/SignatureVersion").asText()).isEqualTo("1");
  }

  @Test
  void aNotificationSnsSendsAgainIsStoredOnce() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, "aws", "orders");
    start(yaml(true));

    assertThat(post(notification("2")).statusCode()).isEqualTo(200);
    assertThat(post(notification("2")).statusCode()).isEqualTo(200);

    assertThat(next(received).data().at("/body/MessageId").asText()).isEqualTo("7e5c-2");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aTamperedMessageAnotherTopicOrACertificateOffAnSnsHostIsRefused() throws Exception {
    LinkedBlockingQueue<Event> received = received(bus, "aws", "orders");
    start(yaml(true));

    HttpResponse<String> tampered = post(notification("2").put("Message", "{\"id\": 43}"));
    ObjectNode unsignedMessage = notification("2");
    unsignedMessage.remove("Signature");
    HttpResponse<String> unsigned = post(unsignedMessage);
    HttpResponse<String> confirmTampered = post(confirmation().put("Token", "other"));

    assertThat(tampered.statusCode()).isEqualTo(403);
    assertThat(tampered.body()).contains("the signature does not match the message");
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.body()).contains("the message has no Signature");
    assertThat(confirmTampered.statusCode()).isEqualTo(403);
    HttpResponse<String> otherTopic = post(notification("2").put("TopicArn",
        "arn:aws:sns:us-east-1:210987654321:theirs"));
    assertThat(otherTopic.statusCode()).isEqualTo(403);
    assertThat(otherTopic.body()).contains("is not " + TOPIC);
    assertThat(confirmations).isEmpty();
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();

    runner.close();
    start(yaml(false));
    HttpResponse<String> localCertificate = post(notification("2"));
    assertThat(localCertificate.statusCode()).isEqualTo(403);
    assertThat(Codec.json().readTree(localCertificate.body()).get("message").asText())
        .isEqualTo("SigningCertURL '" + awsUrl("/cert.pem")
            + "' is not an https URL of an SNS host");
  }

  @Test
  void aNotificationTheBusCannotStoreIsAnswered503SoSnsSendsItAgain() throws Exception {
    bus = new Brokers.RefusingBus(1);
    start(yaml(true));
    LinkedBlockingQueue<Event> received = received(bus, "aws", "orders");

    assertThat(post(notification("2")).statusCode()).isEqualTo(503);
    assertThat(post(notification("2")).statusCode()).isEqualTo(200);
    assertThat(next(received).data().at("/body/MessageId").asText()).isEqualTo("7e5c-2");
  }

  @Test
  void aBodyOverMaxPayloadSizeIsRefused() throws Exception {
    start(yaml(true).replace("method: POST}", "method: POST, maxPayloadSize: 64}"));

    HttpResponse<String> response = post(notification("2"));

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void whatCannotStartIsAProblemNamingTheField() {
    String noTopic = yaml(true).replace("topicArn: " + TOPIC, "region: us-east-2");
    String badPort = yaml(true).replace("port: \"0\"", "port: http");

    try (SnsEventSourceRunner failed = SnsEventSourceRunner.start(Brokers.source(noTopic), bus,
        Clock.systemUTC())) {
      assertThat(failed.problems()).containsExactly("spec.sns.orders.topicArn: required");
    }
    try (SnsEventSourceRunner failed = SnsEventSourceRunner.start(Brokers.source(badPort), bus,
        Clock.systemUTC())) {
      assertThat(failed.problems()).containsExactly(
          "spec.sns.orders.webhook.port: expected a port number, found 'http'");
    }
  }
}
