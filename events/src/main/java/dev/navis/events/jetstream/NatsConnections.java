package dev.navis.events.jetstream;

import dev.navis.api.model.events.NatsAuth;
import dev.navis.api.model.events.SecretKeySelector;
import dev.navis.api.model.events.TlsConfig;
import dev.navis.events.Secrets;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to a NATS server that keep reconnecting once up and log their ups and downs
 * with key-values, shared by the JetStream bus, the {@code nats} event source and trigger.
 */
public final class NatsConnections {

  private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);

  private NatsConnections() {}

  /**
   * Options for {@code url} ({@code nats://[user:password@|token@]host:port}; the scheme may be
   * left out): reconnect forever, every {@code reconnectWait}; {@code purpose} names the
   * connection in logs.
   */
  public static Options.Builder options(String url, String purpose, Duration reconnectWait) {
    String redacted = redacted(url);
    return new Options.Builder()
        .server(url)
        .connectionName("navis-" + purpose)
        .connectionTimeout(Duration.ofSeconds(2))
        .maxReconnects(-1)
        .reconnectWait(reconnectWait)
        .connectionListener((connection, event) -> logEvent(purpose, redacted, event))
        .errorListener(new ErrorListener() {
          @Override
          public void exceptionOccurred(Connection connection, Exception exp) {
            log.atDebug().addKeyValue("connection", purpose).addKeyValue("url", redacted)
                .addKeyValue("reason", String.valueOf(exp)).log("NATS connection error");
          }
        });
  }

  /**
   * Options for a {@code nats} event source or trigger at {@code path} (such as
   * {@code spec.nats.example}): its url, {@code auth} and {@code tls} with values from
   * {@code secrets}. A mistake is an {@link IllegalArgumentException} whose message starts
   * with the field path.
   */
  public static Options.Builder clientOptions(String url, NatsAuth auth, TlsConfig tls,
      Secrets secrets, String path, String purpose) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(path + ".url: required");
    }
    Options.Builder options;
    try {
      options = options(url.strip(), purpose, Duration.ofSeconds(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ".url: expected nats://host:port, found '"
          + url + "' (" + e.getMessage() + ")", e);
    }
    if (auth != null) {
      authenticate(options, auth, secrets, path + ".auth");
    }
    if (tls != null) {
      options.sslContext(NatsTls.context(tls, secrets, path + ".tls"));
    }
    return options;
  }

  private static void authenticate(Options.Builder options, NatsAuth auth, Secrets secrets,
      String path) {
    if (auth.basic() != null) {
      options.userInfo(secret(secrets, auth.basic().username(), path + ".basic.username"),
          secret(secrets, auth.basic().password(), path + ".basic.password"));
    } else if (auth.token() != null) {
      options.token(secret(secrets, auth.token(), path + ".token").toCharArray());
    } else if (auth.nkey() != null) {
      char[] seed = secret(secrets, auth.nkey(), path + ".nkey").strip().toCharArray();
      options.authHandler(Nats.staticCredentials(null, seed));
    } else if (auth.credential() != null) {
      byte[] creds = secret(secrets, auth.credential(), path + ".credential")
          .getBytes(StandardCharsets.UTF_8);
      options.authHandler(Nats.staticCredentials(creds));
    }
  }

  /** The secret's value; an {@link IllegalArgumentException} naming {@code path} if unknown. */
  static String secret(Secrets secrets, SecretKeySelector selector, String path) {
    if (selector == null || selector.name() == null || selector.key() == null) {
      throw new IllegalArgumentException(path + ": expected a secret {name, key}");
    }
    return secrets.lookup(selector).orElseThrow(() -> new IllegalArgumentException(path
        + ": secret " + selector.name() + "/" + selector.key() + " not found"));
  }

  /**
   * Connects once; an {@link IllegalStateException} naming the server (not its password) when
   * it cannot be reached or refuses.
   */
  public static Connection connect(Options options, String url) {
    try {
      return Nats.connect(options);
    } catch (IOException e) {
      throw new IllegalStateException("cannot connect to the NATS server at " + redacted(url)
          + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted connecting to " + redacted(url), e);
    }
  }

  /** {@code url} without the user name, password or token. */
  public static String redacted(String url) {
    try {
      URI uri = new URI(url.contains("://") ? url : "nats://" + url);
      return uri.getUserInfo() == null ? url
          : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":"
              + uri.getPort());
    } catch (URISyntaxException e) {
      return url.replaceAll("//[^@/]*@", "//");
    }
  }

  static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static void logEvent(String purpose, String url, ConnectionListener.Events event) {
    var builder = switch (event) {
      case DISCONNECTED, LAME_DUCK -> log.atWarn();
      case RECONNECTED -> log.atInfo();
      default -> log.atDebug();
    };
    builder.addKeyValue("connection", purpose).addKeyValue("url", url)
        .addKeyValue("event", event.name().toLowerCase()).log("NATS connection event");
  }
}
