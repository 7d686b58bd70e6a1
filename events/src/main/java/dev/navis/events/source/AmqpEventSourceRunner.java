package dev.navis.events.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.ShutdownSignalException;
import dev.navis.api.Codec;
import dev.navis.api.model.events.AmqpEventSource;
import dev.navis.api.model.events.AmqpEventSource.Consume;
import dev.navis.api.model.events.AmqpEventSource.ExchangeDeclare;
import dev.navis.api.model.events.AmqpEventSource.QueueDeclare;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import dev.navis.events.source.BrokerEvents.Outcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code amqp} events of an EventSource: for each, declares the exchange and a queue
 * bound to it with the routing key (Argo's defaults: a durable exchange, a server-named
 * exclusive queue) and consumes it. Each message becomes an event {@code {contentType,
 * contentEncoding, deliveryMode, priority, correlationId, replyTo, expiration, messageId,
 * timestamp, type, appId, exchange, routingKey, headers, body, metadata}}; the body is JSON
 * with {@code jsonBody}, else base64 text as Argo Events marshals bytes.
 *
 * <p>A message is acknowledged only once the bus stored its event, and negatively
 * acknowledged (requeued) when the bus failed, so {@code consume.autoAck} is not followed:
 * acknowledging on arrival would lose what the bus refuses. After the broker drops the
 * connection the runner connects again and declares everything again, waiting
 * {@code connectionBackoff} (1s doubling, at most 30s) between attempts; so it does when the
 * first connection or declaration fails, which is also named in {@link #problems()}.
 */
public final class AmqpEventSourceRunner implements EventSourceRunner {

  static final String CONNECTION_PREFIX = "navis-amqp-";
  private static final int PREFETCH = 64;
  private static final Duration REQUEUE_DELAY = Duration.ofSeconds(1);
  private static final String GO_ZERO_TIME = "0001-01-01 00:00:00 +0000 UTC";
  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z").withZone(ZoneId.of("UTC"));
  private static final Logger log = LoggerFactory.getLogger(AmqpEventSourceRunner.class);

  private final BrokerEvents events;
  private final List<Listener> listeners = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean closed;

  private AmqpEventSourceRunner(BrokerEvents events) {
    this.events = events;
  }

  /**
   * Connects each amqp event of the source; one that cannot (a bad URL, a missing secret, an
   * unreachable broker, a refused declaration) is named in {@link #problems()}.
   */
  public static AmqpEventSourceRunner start(EventSource source, EventBus bus, Secrets secrets,
      Clock clock) {
    AmqpEventSourceRunner runner =
        new AmqpEventSourceRunner(new BrokerEvents("amqp", source, bus, clock));
    Map<String, AmqpEventSource> configured = source.spec().amqp() == null ? Map.of()
        : source.spec().amqp();
    configured.forEach((name, amqp) -> runner.listen(name, amqp, secrets));
    return runner;
  }

  @Override
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    closed = true;
    listeners.forEach(Listener::close);
  }

  private void listen(String name, AmqpEventSource amqp, Secrets secrets) {
    String at = "spec.amqp." + name;
    Optional<ConnectionFactory> factory = factory(at, amqp, secrets);
    if (factory.isEmpty()) {
      return;
    }
    Listener listener = new Listener(name, amqp, factory.get());
    listeners.add(listener);
    String problem = listener.connect();
    if (problem != null) {
      problems.add(at + "." + problem + BrokerEvents.RETRYING);
      listener.reconnectLater();
    }
  }

  private Optional<ConnectionFactory> factory(String at, AmqpEventSource amqp,
      Secrets secrets) {
    int before = problems.size();
    String url = amqp.urlSecret() != null
        ? BrokerEvents.secret(secrets, amqp.urlSecret(), at + ".urlSecret", problems).orElse(null)
        : amqp.url();
    ConnectionFactory factory = new ConnectionFactory();
    if (url == null && amqp.urlSecret() == null) {
      problems.add(at + ".url: required (or urlSecret)");
    } else if (url != null) {
      try {
        factory.setUri(url);
      } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
        problems.add(at + (amqp.urlSecret() != null ? ".urlSecret" : ".url")
            + ": expected an amqp:// or amqps:// URL: " + e.getMessage());
      }
    }
    if (amqp.auth() != null) {
      BrokerEvents.secret(secrets, amqp.auth().username(), at + ".auth.username", problems)
          .ifPresent(factory::setUsername);
      BrokerEvents.secret(secrets, amqp.auth().password(), at + ".auth.password", problems)
          .ifPresent(factory::setPassword);
    }
    // TODO: tls (caCertSecret, clientCertSecret...) is not applied; amqps:// uses the JDK's
    // default trust store.
    factory.setConnectionTimeout(5_000);
    factory.setHandshakeTimeout(5_000);
    factory.setRequestedHeartbeat(10);
    factory.setAutomaticRecoveryEnabled(false);
    factory.setThreadFactory(Thread.ofVirtual().name("amqp-", 0).factory());
    return problems.size() == before ? Optional.of(factory) : Optional.empty();
  }

  /** A step of setting up the consumer that failed, and the field it is about. */
  private static final class SetupFailure extends Exception {
    final String field;

    SetupFailure(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  /** One amqp event: its connection and consumer, set up again after the broker drops it. */
  private final class Listener {
    private final String name;
    private final AmqpEventSource amqp;
    private final ConnectionFactory factory;
    private volatile Connection connection;
    private volatile Thread reconnecting;

    Listener(String name, AmqpEventSource amqp, ConnectionFactory factory) {
      this.name = name;
      this.amqp = amqp;
      this.factory = factory;
    }

    /** Null once consuming; else {@code field: reason}. */
    String connect() {
      Connection opened = null;
      try {
        opened = open();
        Channel channel = opened.createChannel();
        String queue = declare(channel);
        consume(channel, queue);
        opened.addShutdownListener(this::dropped);
        connection = opened;
        if (closed) {
          closeQuietly(opened);
        }
        log.atInfo().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
            .addKeyValue("queue", queue).log("amqp consuming");
        return null;
      } catch (SetupFailure e) {
        closeQuietly(opened);
        return e.field + ": " + e.getMessage();
      } catch (IOException e) {
        closeQuietly(opened);
        return "url: the broker closed the connection: " + reason(e);
      }
    }

    private Connection open() throws SetupFailure {
      String address = factory.getHost() + ":" + factory.getPort();
      try {
        return factory.newConnection(CONNECTION_PREFIX + events.sourceName() + "-" + name);
      } catch (AuthenticationFailureException e) {
        throw new SetupFailure(amqp.auth() != null ? "auth" : "url", "the broker at "
            + address + " refused the user name or password: " + e.getMessage());
      } catch (IOException | TimeoutException e) {
        throw new SetupFailure(amqp.urlSecret() != null ? "urlSecret" : "url",
            "cannot connect to " + address + ": " + reason(e));
      }
    }

    private String declare(Channel channel) throws SetupFailure {
      ExchangeDeclare exchange = amqp.exchangeDeclare() == null
          ? new ExchangeDeclare(true, false, false, false) : amqp.exchangeDeclare();
      QueueDeclare queue = amqp.queueDeclare() == null
          ? new QueueDeclare("", false, false, true, false, null) : amqp.queueDeclare();
      try {
        channel.exchangeDeclare(amqp.exchangeName(), amqp.exchangeType(), on(exchange.durable()),
            on(exchange.autoDelete()), on(exchange.internal()), null);
      } catch (IOException e) {
        throw new SetupFailure("exchangeName", "cannot declare exchange '"
            + amqp.exchangeName() + "' of type " + amqp.exchangeType() + ": " + reason(e));
      }
      String declared;
      try {
        declared = channel.queueDeclare(queue.name() == null ? "" : queue.name(),
            on(queue.durable()), on(queue.exclusive()), on(queue.autoDelete()),
            arguments(queue.arguments())).getQueue();
      } catch (IOException | IllegalArgumentException e) {
        throw new SetupFailure("queueDeclare", "cannot declare queue '" + queue.name() + "': "
            + reason(e));
      }
      try {
        channel.queueBind(declared, amqp.exchangeName(), amqp.routingKey());
      } catch (IOException e) {
        throw new SetupFailure("routingKey", "cannot bind queue " + declared + " to exchange '"
            + amqp.exchangeName() + "': " + reason(e));
      }
      return declared;
    }

    private void consume(Channel channel, String queue) throws SetupFailure {
      Consume consume = amqp.consume() == null ? new Consume("", true, false, false, false)
          : amqp.consume();
      try {
        channel.basicQos(PREFETCH);
        channel.basicConsume(queue, false,
            consume.consumerTag() == null ? "" : consume.consumerTag(), on(consume.noLocal()),
            on(consume.exclusive()), null, new DefaultConsumer(channel) {
              @Override
              public void handleDelivery(String tag, Envelope envelope,
                  AMQP.BasicProperties properties, byte[] body) throws IOException {
                deliver(getChannel(), envelope, properties, body);
              }

              @Override
              public void handleCancel(String tag) {
                log.atWarn().addKeyValue("eventSource", events.sourceName())
                    .addKeyValue("event", name).log("the broker cancelled the amqp consumer");
                closeQuietly(connection);
                reconnectLater();
              }
            });
      } catch (IOException e) {
        throw new SetupFailure("consume", "cannot consume queue " + queue + ": " + reason(e));
      }
    }

    private void deliver(Channel channel, Envelope envelope, AMQP.BasicProperties properties,
        byte[] body) throws IOException {
      ObjectNode data;
      try {
        data = data(envelope, properties, body, amqp);
      } catch (IllegalArgumentException e) {
        log.atWarn().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
            .addKeyValue("reason", e.getMessage()).log("amqp message dropped");
        channel.basicReject(envelope.getDeliveryTag(), false);
        return;
      }
      if (events.publish(name, amqp.filter(), data) == Outcome.FAILED) {
        // Requeued at once it would come straight back; a pause keeps the broker calm.
        BrokerEvents.pause(REQUEUE_DELAY);
        channel.basicNack(envelope.getDeliveryTag(), false, true);
      } else {
        channel.basicAck(envelope.getDeliveryTag(), false);
      }
    }

    private void dropped(ShutdownSignalException cause) {
      if (closed || cause.isInitiatedByApplication()) {
        return;
      }
      log.atWarn().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
          .addKeyValue("reason", cause.getMessage()).log("amqp connection lost; reconnecting");
      reconnectLater();
    }

    synchronized void reconnectLater() {
      if (closed || reconnecting != null && reconnecting.isAlive()) {
        return;
      }
      reconnecting = Thread.ofVirtual().name("amqp-reconnect-" + name).start(() -> {
        events.retry(name, "amqp reconnect", amqp.connectionBackoff(), () -> closed, () -> {
          String problem = connect();
          if (problem != null) {
            throw new IllegalStateException(problem);
          }
          return Boolean.TRUE;
        });
      });
    }

    void close() {
      Thread thread = reconnecting;
      if (thread != null) {
        thread.interrupt();
      }
      closeQuietly(connection);
    }
  }

  static ObjectNode data(Envelope envelope, AMQP.BasicProperties properties, byte[] body,
      AmqpEventSource amqp) {
    ObjectNode data = BrokerEvents.object();
    data.put("contentType", text(properties.getContentType()));
    data.put("contentEncoding", text(properties.getContentEncoding()));
    data.put("deliveryMode", number(properties.getDeliveryMode()));
    data.put("priority", number(properties.getPriority()));
    data.put("correlationId", text(properties.getCorrelationId()));
    data.put("replyTo", text(properties.getReplyTo()));
    data.put("expiration", text(properties.getExpiration()));
    data.put("messageId", text(properties.getMessageId()));
    data.put("timestamp", goTime(properties.getTimestamp()));
    data.put("type", text(properties.getType()));
    data.put("appId", text(properties.getAppId()));
    data.put("exchange", text(envelope.getExchange()));
    data.put("routingKey", text(envelope.getRoutingKey()));
    data.set("headers", Codec.json().valueToTree(properties.getHeaders() == null ? Map.of()
        : plain(properties.getHeaders())));
    data.set("body", BrokerEvents.bytesBody(body, amqp.jsonBody()));
    return BrokerEvents.withMetadata(data, amqp.metadata());
  }

  /** Header values as JSON can hold them: AMQP long strings become text, bytes base64. */
  private static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new HashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(AmqpEventSourceRunner::plain).toList();
    }
    if (value instanceof LongString text) {
      return text.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Date date) {
      return GO_TIME.format(date.toInstant());
    }
    return value == null || value instanceof Number || value instanceof Boolean ? value
        : String.valueOf(value);
  }

  private static String goTime(Date timestamp) {
    return timestamp == null ? GO_ZERO_TIME : GO_TIME.format(timestamp.toInstant());
  }

  private static Map<String, Object> arguments(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      return null;
    }
    try {
      JsonNode table = Codec.yaml().readTree(yaml);
      @SuppressWarnings("unchecked")
      Map<String, Object> arguments = Codec.json().convertValue(table, Map.class);
      return arguments;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("arguments is not a YAML table: " + e.getMessage());
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    if (e.getCause() instanceof ShutdownSignalException signal
        && signal.getReason() instanceof AMQP.Channel.Close close) {
      return close.getReplyText();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null && connection.isOpen()) {
      try {
        connection.close(1_000);
      } catch (IOException | RuntimeException e) {
        log.atDebug().addKeyValue("reason", e.getMessage()).log("closing amqp connection");
      }
    }
  }

  private static boolean on(Boolean flag) {
    return Boolean.TRUE.equals(flag);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static int number(Integer value) {
    return value == null ? 0 : value;
  }
}
