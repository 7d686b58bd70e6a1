package dev.navis.events;

import dev.navis.api.model.events.KafkaEventSource.SASLConfig;
import dev.navis.api.model.events.KafkaEventSource.TLSConfig;
import dev.navis.api.model.events.SecretKeySelector;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The client settings a Kafka event source or trigger connects with: brokers from a
 * comma-separated {@code url}, TLS from PEM secrets, SASL PLAIN or SCRAM with a user and
 * password from secrets. A setting that cannot be met is an {@link InvalidSettingException}
 * naming the field below {@code at}.
 */
public final class KafkaConnection {

  private static final Map<String, String> LOGIN_MODULES = Map.of(
      "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
      "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
      "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

  private KafkaConnection() {}

  /** The SASL mechanisms Navis can log in with. */
  public static List<String> saslMechanisms() {
    return LOGIN_MODULES.keySet().stream().sorted().toList();
  }

  /** Bootstrap servers, security protocol, TLS and SASL settings for a client. */
  public static Properties properties(String at, String url, TLSConfig tls, SASLConfig sasl,
      Secrets secrets) {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrapServers(at, url));
    boolean ssl = tls != null;
    config.put("security.protocol", sasl != null ? (ssl ? "SASL_SSL" : "SASL_PLAINTEXT")
        : (ssl ? "SSL" : "PLAINTEXT"));
    if (ssl) {
      tls(at + ".tls", tls, secrets, config);
    }
    if (sasl != null) {
      sasl(at + ".sasl", sasl, secrets, config);
    }
    return config;
  }

  /** {@code host:port,host:port}, blanks dropped; a URL without a port is a mistake. */
  public static String bootstrapServers(String at, String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidSettingException(at + ".url: required (brokers as host:port,...)");
    }
    List<String> brokers = Arrays.stream(url.split(",")).map(String::strip)
        .filter(broker -> !broker.isEmpty()).toList();
    for (String broker : brokers) {
      if (!broker.matches("[^:/\\s]+:\\d{1,5}")) {
        throw new InvalidSettingException(at + ".url: expected host:port, found '" + broker
            + "'");
      }
    }
    return String.join(",", brokers);
  }

  private static void tls(String at, TLSConfig tls, Secrets secrets, Properties config) {
    if (tls.caCertSecret() != null) {
      config.put("ssl.truststore.type", "PEM");
      config.put("ssl.truststore.certificates",
          secret(at + ".caCertSecret", tls.caCertSecret(), secrets));
    }
    if (tls.clientCertSecret() != null || tls.clientKeySecret() != null) {
      config.put("ssl.keystore.type", "PEM");
      config.put("ssl.keystore.certificate.chain",
          secret(at + ".clientCertSecret", tls.clientCertSecret(), secrets));
      config.put("ssl.keystore.key",
          secret(at + ".clientKeySecret", tls.clientKeySecret(), secrets));
    }
    if (Boolean.TRUE.equals(tls.insecureSkipVerify())) {
      // TODO: this skips the host name check only; the certificate chain is still verified.
      config.put("ssl.endpoint.identification.algorithm", "");
    }
  }

  private static void sasl(String at, SASLConfig sasl, Secrets secrets, Properties config) {
    String mechanism = sasl.mechanism() == null || sasl.mechanism().isBlank() ? "PLAIN"
        : sasl.mechanism().strip().toUpperCase(Locale.ROOT);
    String module = LOGIN_MODULES.get(mechanism);
    if (module == null) {
      throw new InvalidSettingException(at + ".mechanism: expected one of " + saslMechanisms()
          + ", found '" + sasl.mechanism() + "'");
    }
    String user = secret(at + ".userSecret", sasl.userSecret(), secrets);
    String password = secret(at + ".passwordSecret", sasl.passwordSecret(), secrets);
    config.put("sasl.mechanism", mechanism);
    config.put("sasl.jaas.config", module + " required username=\"" + quoted(user)
        + "\" password=\"" + quoted(password) + "\";");
  }

  private static String secret(String at, SecretKeySelector selector, Secrets secrets) {
    if (selector == null) {
      throw new InvalidSettingException(at + ": required");
    }
    return secrets.lookup(selector).orElseThrow(() -> new InvalidSettingException(at
        + ": secret " + selector.name() + "/" + selector.key() + " not found"));
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** A setting that cannot be met; the message starts with the field path. */
  public static final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
      super(message);
    }
  }
}
