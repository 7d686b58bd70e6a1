package dev.navis.events.source;

import dev.navis.api.model.events.SecretKeySelector;
import dev.navis.events.Secrets;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How the {@code redis} and {@code redisStream} events reach their server: {@code hostAddress}
 * ({@code host:port}), {@code db}, {@code username} and the {@code password} secret. Each
 * connection carries the client name {@code navis:<eventSource>:<event>}.
 */
record RedisConnections(HostAndPort address, JedisClientConfig config) {

  static final String CLIENT_PREFIX = "navis:";

  /** The settings, or empty with the problems of {@code at} added. */
  static Optional<RedisConnections> of(String at, String clientName, String hostAddress,
      Integer db, String username, SecretKeySelector password, int socketTimeoutMillis,
      Secrets secrets, List<String> problems) {
    int before = problems.size();
    HostAndPort address = null;
    try {
      address = HostAndPort.from(hostAddress);
      if (address.getHost().isBlank() || address.getPort() < 1 || address.getPort() > 65535) {
        throw new IllegalArgumentException("no host or port");
      }
    } catch (RuntimeException e) {
      problems.add(at + ".hostAddress: expected host:port, found '" + hostAddress + "'");
    }
    if (db != null && db < 0) {
      problems.add(at + ".db: expected a database number of 0 or more, found " + db);
    }
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .autoNegotiateProtocol(false).connectionTimeoutMillis(5_000)
        .socketTimeoutMillis(socketTimeoutMillis).database(db == null ? 0 : db)
        .clientName(CLIENT_PREFIX + clientName);
    if (username != null && !username.isBlank()) {
      config.user(username);
    }
    if (password != null) {
      BrokerEvents.secret(secrets, password, at + ".password", problems)
          .ifPresent(config::password);
    }
    // TODO: tls (caCertSecret, clientCertSecret...) is not applied.
    return problems.size() == before ? Optional.of(new RedisConnections(address, config.build()))
        : Optional.empty();
  }

  Jedis open() {
    return new Jedis(address, config);
  }

  /**
   * A connection that answered PING, or the reason it did not as {@code field: reason}
   * ({@link IllegalStateException}).
   */
  Jedis connect(boolean hasPassword) {
    Jedis jedis = null;
    try {
      jedis = open();
      jedis.ping();
      return jedis;
    } catch (JedisAccessControlException e) {
      close(jedis);
      throw new IllegalStateException((hasPassword ? "password" : "hostAddress")
          + ": the server at " + address + " refused the credentials: " + e.getMessage());
    } catch (JedisDataException e) {
      close(jedis);
      throw new IllegalStateException(fieldOf(e) + ": the server at " + address
          + " refused: " + e.getMessage());
    } catch (JedisException e) {
      close(jedis);
      throw new IllegalStateException("hostAddress: cannot connect to " + address + ": "
          + rootMessage(e));
    }
  }

  /** Drops the connection of a reader blocked on it; one already broken stays so. */
  static void disconnect(Jedis jedis) {
    try {
      if (jedis != null) {
        jedis.disconnect();
      }
    } catch (JedisException e) {
      // Already broken: the reader sees that too.
    }
  }

  static void close(Jedis jedis) {
    try {
      if (jedis != null) {
        jedis.close();
      }
    } catch (JedisException e) {
      // Closing a broken connection: nothing left to release.
    }
  }

  private static String fieldOf(JedisDataException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("DB index") ? "db" : message.contains("NOAUTH")
        || message.contains("WRONGPASS") ? "password" : "hostAddress";
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
