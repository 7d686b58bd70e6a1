package dev.navis.events.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks the signature of an SNS message as AWS documents it: the message's canonical string
 * (each signed field's name and value on their own lines, in a fixed order) signed with
 * SHA1withRSA ({@code SignatureVersion} 1) or SHA256withRSA (2) by the certificate at
 * {@code SigningCertURL}. Certificates are fetched only from https URLs on an SNS host
 * ({@code sns.<region>.amazonaws.com}), or from the event source's own {@code endpoint}
 * (LocalStack, tests), and kept once read.
 */
final class SnsSignatures {

  private static final Pattern SNS_HOST =
      Pattern.compile("^sns\\.[a-zA-Z0-9\\-]{3,}\\.amazonaws\\.com(\\.cn)?$");
  private static final int MAX_CERTIFICATE = 64 * 1024;
  private static final List<String> NOTIFICATION_FIELDS =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> CONFIRMATION_FIELDS = List.of("Message", "MessageId",
      "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
  private static final Map<String, String> ALGORITHMS =
      Map.of("1", "SHA1withRSA", "2", "SHA256withRSA");

  private final HttpClient http;
  private final URI endpoint;
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

  /** @param endpoint the event source's SNS endpoint whose host is trusted too, or null */
  SnsSignatures(HttpClient http, URI endpoint) {
    this.http = http;
    this.endpoint = endpoint;
  }

  /** Null when the message's signature is good; otherwise why it is not. */
  String refusal(JsonNode message) {
    String algorithm = ALGORITHMS.get(message.path("SignatureVersion").asText("1"));
    if (algorithm == null) {
      return "unknown SignatureVersion " + message.path("SignatureVersion");
    }
    String certificateUrl = message.path("SigningCertURL").asText("");
    if (!trusted(certificateUrl)) {
      return "SigningCertURL '" + certificateUrl + "' is not an https URL of an SNS host";
    }
    if (message.path("Signature").asText("").isEmpty()) {
      return "the message has no Signature";
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(message.path("Signature").asText(""));
    } catch (IllegalArgumentException e) {
      return "Signature is not base64: " + e.getMessage();
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate(certificateUrl).getPublicKey());
      verifier.update(canonical(message));
      return verifier.verify(signature) ? null : "the signature does not match the message";
    } catch (GeneralSecurityException e) {
      return "the signature cannot be checked: " + e.getMessage();
    } catch (IOException e) {
      return "cannot fetch the signing certificate " + certificateUrl + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while fetching the signing certificate";
    }
  }

  /** Whether {@code url} may be fetched: https on an SNS host, or on the configured endpoint. */
  boolean trusted(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (uri.getHost() == null) {
      return false;
    }
    if (endpoint != null && endpoint.getScheme().equalsIgnoreCase(uri.getScheme())
        && endpoint.getHost().equalsIgnoreCase(uri.getHost())
        && endpoint.getPort() == uri.getPort()) {
      return true;
    }
    return "https".equalsIgnoreCase(uri.getScheme()) && SNS_HOST.matcher(uri.getHost()).matches();
  }

  /** The string AWS signs: {@code name\nvalue\n} for each signed field present, in order. */
  static byte[] canonical(JsonNode message) {
    List<String> fields = "Notification".equals(message.path("Type").asText())
        ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
    StringBuilder text = new StringBuilder();
    for (String field : fields) {
      JsonNode value = message.get(field);
      if (value != null && !value.isNull()) {
        text.append(field).append('\n').append(value.asText()).append('\n');
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private X509Certificate certificate(String url)
      throws IOException, InterruptedException, GeneralSecurityException {
    X509Certificate known = certificates.get(url);
    if (known != null) {
      return known;
    }
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    byte[] pem;
    try (InputStream body = response.body()) {
      pem = body.readNBytes(MAX_CERTIFICATE);
    }
    if (response.statusCode() != 200) {
      throw new IOException("answered " + response.statusCode());
    }
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem));
    certificate.checkValidity();
    certificates.put(url, certificate);
    return certificate;
  }
}
