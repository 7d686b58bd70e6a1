package dev.navis.events.source;

import dev.navis.api.Codec;
import dev.navis.api.model.events.AmqpEventSource;
import dev.navis.api.model.events.BasicAuth;
import dev.navis.api.model.events.MqttEventSource;
import dev.navis.api.model.events.RedisEventSource;
import dev.navis.api.model.events.RedisStreamEventSource;
import dev.navis.api.model.events.SnsEventSource;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The checks of the broker event sources ({@code amqp}, {@code mqtt}, {@code redis},
 * {@code redisStream}) and of {@code sns}, the same Argo Events makes before it starts them,
 * each finding named by its field path.
 */
final class BrokerSourceCheck {

  private static final Set<String> EXCHANGE_TYPES = Set.of("direct", "fanout", "topic",
      "headers");
  private static final Set<String> MQTT_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

  private BrokerSourceCheck() {}

  static void checkAmqp(AmqpEventSource amqp, String path, List<Finding> findings) {
    if (amqp.url() == null && amqp.urlSecret() == null) {
      findings.add(error(path + ".url", "either url or urlSecret is required"));
    } else if (amqp.url() != null && amqp.urlSecret() != null) {
      findings.add(error(path + ".urlSecret", "give url or urlSecret, not both"));
    } else if (amqp.url() != null && !hasScheme(amqp.url(), Set.of("amqp", "amqps"))) {
      findings.add(error(path + ".url", "expected an amqp:// or amqps:// URL, found '"
          + amqp.url() + "'"));
    }
    required(amqp.exchangeName(), path + ".exchangeName", findings);
    if (amqp.exchangeType() == null || amqp.exchangeType().isBlank()) {
      findings.add(error(path + ".exchangeType", "required"));
    } else if (!EXCHANGE_TYPES.contains(amqp.exchangeType())
        && !amqp.exchangeType().startsWith("x-")) {
      findings.add(error(path + ".exchangeType", "expected one of " + EXCHANGE_TYPES
          + " or a plugin's x- type, found '" + amqp.exchangeType() + "'"));
    }
    required(amqp.routingKey(), path + ".routingKey", findings);
    if (amqp.queueDeclare() != null && amqp.queueDeclare().arguments() != null
        && !isYamlTable(amqp.queueDeclare().arguments())) {
      findings.add(error(path + ".queueDeclare.arguments", "expected a YAML table such as"
          + " 'x-queue-type: quorum', found '" + amqp.queueDeclare().arguments() + "'"));
    }
    checkAuth(amqp.auth(), path, findings);
    EventSourceCheck.checkFilter(amqp.filter(), path, findings);
  }

  static void checkMqtt(MqttEventSource mqtt, String path, List<Finding> findings) {
    if (mqtt.url() == null || mqtt.url().isBlank()) {
      findings.add(error(path + ".url", "required"));
    } else if (!hasScheme(mqtt.url(), MQTT_SCHEMES)) {
      findings.add(error(path + ".url", "expected a tcp://, ssl://, ws:// or wss:// URL, found '"
          + mqtt.url() + "'"));
    }
    required(mqtt.topic(), path + ".topic", findings);
    required(mqtt.clientId(), path + ".clientId", findings);
    checkAuth(mqtt.auth(), path, findings);
    EventSourceCheck.checkFilter(mqtt.filter(), path, findings);
  }

  static void checkRedis(RedisEventSource redis, String path, List<Finding> findings) {
    checkHostAddress(redis.hostAddress(), redis.db(), path, findings);
    if (redis.channels() == null || redis.channels().isEmpty()) {
      findings.add(error(path + ".channels", "at least one channel is required"));
    }
    EventSourceCheck.checkFilter(redis.filter(), path, findings);
  }

  static void checkRedisStream(RedisStreamEventSource stream, String path,
      List<Finding> findings) {
    checkHostAddress(stream.hostAddress(), stream.db(), path, findings);
    if (stream.streams() == null || stream.streams().isEmpty()) {
      findings.add(error(path + ".streams", "at least one stream is required"));
    }
    if (stream.maxMsgCountPerRead() != null && stream.maxMsgCountPerRead() < 0) {
      findings.add(error(path + ".maxMsgCountPerRead", "expected 0 (the default, 10) or more,"
          + " found " + stream.maxMsgCountPerRead()));
    }
    EventSourceCheck.checkFilter(stream.filter(), path, findings);
  }

  static void checkSns(SnsEventSource sns, String path, List<Finding> findings) {
    String problem = SnsEventSourceRunner.invalid(path, sns);
    if (problem != null) {
      int colon = problem.indexOf(": ");
      findings.add(error(problem.substring(0, colon), problem.substring(colon + 2)));
    }
    EventSourceCheck.checkFilter(sns.filter(), path, findings);
  }

  private static void checkHostAddress(String hostAddress, Integer db, String path,
      List<Finding> findings) {
    if (hostAddress == null || !hostAddress.matches("[^\\s:]+:\\d{1,5}")) {
      findings.add(error(path + ".hostAddress", "expected host:port, found '" + hostAddress
          + "'"));
    }
    if (db != null && db < 0) {
      findings.add(error(path + ".db", "expected 0 or more, found " + db));
    }
  }

  private static void checkAuth(BasicAuth auth, String path, List<Finding> findings) {
    if (auth == null) {
      return;
    }
    if (auth.username() == null || auth.username().name() == null) {
      findings.add(error(path + ".auth.username", "a secret (name and key) is required"));
    }
    if (auth.password() == null || auth.password().name() == null) {
      findings.add(error(path + ".auth.password", "a secret (name and key) is required"));
    }
  }

  private static void required(String value, String path, List<Finding> findings) {
    if (value == null || value.isBlank()) {
      findings.add(error(path, "required"));
    }
  }

  private static boolean hasScheme(String url, Set<String> schemes) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme() != null && schemes.contains(uri.getScheme()) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isYamlTable(String yaml) {
    try {
      return Codec.yaml().readTree(yaml).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private static Finding error(String path, String message) {
    return new Finding(path, message, false);
  }
}
