package dev.navis.events.jetstream;

import dev.navis.api.model.events.EventDependency;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus on NATS JetStream, laid out as Argo Events lays out its own: one file-backed
 * stream per bus, named after it, holding the subjects {@code <bus>.>}. An event is stored as
 * CloudEvents JSON with its id as {@code Nats-Msg-Id}, so the stream drops a re-publish within
 * its duplicate window. Each sensor dependency reads through a durable pull consumer with
 * explicit acknowledgement, which outlives the sensor's process.
 */
public final class JetStreamEventBus implements EventBus {

  private static final Logger log = LoggerFactory.getLogger(JetStreamEventBus.class);

  private final Config config;
  private final Connection connection;
  private final JetStream jetStream;
  private final JetStreamManagement management;
  private final Set<String> streams = ConcurrentHashMap.newKeySet();
  private final Map<String, JetStreamSubscription> subscriptions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * How to reach the server and how the bus behaves.
   *
   * @param url {@code nats://host:port}, with {@code user:password@} or {@code token@} if the
   *     server wants them
   * @param token a token, when the URL holds none (null otherwise)
   * @param credentialsFile a NATS {@code .creds} file (JWT and NKey seed), or null
   * @param duplicateWindow how long the stream remembers event ids to drop re-publishes
   * @param maxAge how long the stream keeps events
   * @param ackTimeout how long a publish waits for the stream's acknowledgement
   * @param ackWait how long a delivered event waits for its ack before it comes again
   * @param redeliveryDelay how long a negatively acknowledged event waits before it comes again
   */
  public record Config(String url, String token, Path credentialsFile, Duration duplicateWindow,
      Duration maxAge, Duration ackTimeout, Duration ackWait, Duration redeliveryDelay) {

    /** Argo Events' defaults: ids remembered 5 minutes, events kept 72 hours. */
    public static Config of(String url) {
      return new Config(url, null, null, Duration.ofMinutes(5), Duration.ofHours(72),
          Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    public Config withToken(String newToken) {
      return new Config(url, newToken, credentialsFile, duplicateWindow, maxAge, ackTimeout,
          ackWait, redeliveryDelay);
    }

    public Config withCredentialsFile(Path file) {
      return new Config(url, token, file, duplicateWindow, maxAge, ackTimeout, ackWait,
          redeliveryDelay);
    }

    public Config withDeliveryTimes(Duration newAckTimeout, Duration newAckWait,
        Duration newRedeliveryDelay) {
      return new Config(url, token, credentialsFile, duplicateWindow, maxAge, newAckTimeout,
          newAckWait, newRedeliveryDelay);
    }
  }

  private JetStreamEventBus(Config config, Connection connection) throws IOException {
    this.config = config;
    this.connection = connection;
    this.jetStream = connection.jetStream();
    this.management = connection.jetStreamManagement();
  }

  /** Connects to {@code url} with {@link Config#of}'s defaults. */
  public static JetStreamEventBus connect(String url) {
    return connect(Config.of(url));
  }

  /**
   * Connects, and keeps reconnecting if the server goes away later. An
   * {@link IllegalStateException} naming the server when it cannot be reached now or has no
   * JetStream.
   */
  public static JetStreamEventBus connect(Config config) {
    Connection connection = NatsConnections.connect(options(config), config.url());
    try {
      JetStreamEventBus bus = new JetStreamEventBus(config, connection);
      bus.management.getAccountStatistics();
      return bus;
    } catch (IOException | JetStreamApiException e) {
      closeQuietly(connection);
      throw new IllegalStateException("the NATS server at "
          + NatsConnections.redacted(config.url()) + " offers no JetStream (start it with -js): "
          + NatsConnections.reason(e), e);
    }
  }

  private static Options options(Config config) {
    Options.Builder options = NatsConnections.options(config.url(), "event-bus",
        Duration.ofSeconds(1));
    if (config.token() != null) {
      options.token(config.token().toCharArray());
    }
    if (config.credentialsFile() != null) {
      options.authHandler(Nats.credentials(config.credentialsFile().toString()));
    }
    return options.build();
  }

  @Override
  public CompletableFuture<PublishReceipt> publish(String bus, Event event) {
    String subject = EventBus.subject(bus, event.eventSource(), event.eventName());
    String stream;
    try {
      stream = stream(bus);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }

    Headers headers = new Headers().add("Content-Type", CloudEventsJson.CONTENT_TYPE);
    PublishOptions options = PublishOptions.builder().messageId(event.id())
        .expectedStream(stream).build();
    CompletableFuture<PublishAck> ack;
    try {
      ack = jetStream.publishAsync(subject, headers, CloudEventsJson.bytes(event), options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(notStored(event, subject, e));
    }
    return ack.orTimeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((stored, failure) -> {
          if (failure != null) {
            // The stream may be gone (deleted, or a server that lost its store): look again.
            streams.remove(stream);
            throw notStored(event, subject, failure);
          }
          return new PublishReceipt(event.id(), subject, stored.isDuplicate());
        });
  }

  private CompletionException notStored(Event event, String subject, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    String reason = cause instanceof TimeoutException
        ? "no acknowledgement from JetStream within " + config.ackTimeout().toMillis() + "ms"
        : NatsConnections.reason(cause);
    return new CompletionException(new IllegalStateException("event " + event.id() + " on "
        + subject + " not stored by the NATS server at " + NatsConnections.redacted(config.url())
        + " (connection " + connection.getStatus().name().toLowerCase() + "): " + reason,
        cause));
  }

  @Override
  public Subscription subscribe(String bus, String sensor, EventDependency dependency,
      DeliveryHandler handler) {
    return subscribe(bus, sensor, dependency, null, handler);
  }

  @Override
  public Subscription subscribe(String bus, String sensor, EventDependency dependency,
      Instant since, DeliveryHandler handler) {
    String subject = EventBus.subject(bus, dependency.eventSourceName(), dependency.eventName());
    String durable = NatsNames.token(sensor) + "__" + NatsNames.token(dependency.name());
    JetStreamSubscription subscription = new JetStreamSubscription(this, stream(bus), durable,
        subject, since, handler);
    // As on the in-memory bus, a new subscription of the same consumer replaces the old one.
    JetStreamSubscription replaced = subscriptions.put(subscription.key(), subscription);
    if (replaced != null) {
      replaced.close();
    }
    subscription.start();
    return subscription;
  }

  /** The stream of {@code bus}, created when missing. */
  String stream(String bus) {
    if (closed) {
      throw new IllegalStateException("the event bus is closed");
    }
    String stream = NatsNames.stream(EventBus.busOrDefault(bus));
    if (streams.contains(stream)) {
      return stream;
    }
    try {
      ensureStream(stream);
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException("cannot create the JetStream stream " + stream + " on "
          + NatsConnections.redacted(config.url()) + ": " + NatsConnections.reason(e), e);
    }
    streams.add(stream);
    return stream;
  }

  private void ensureStream(String stream) throws IOException, JetStreamApiException {
    try {
      management.getStreamInfo(stream);
      return;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != 10059) { // stream not found
        throw e;
      }
    }
    StreamConfiguration configuration = StreamConfiguration.builder().name(stream)
        .subjects(stream + ".>").storageType(StorageType.File)
        .duplicateWindow(config.duplicateWindow()).maxAge(config.maxAge()).build();
    try {
      management.addStream(configuration);
      log.atInfo().addKeyValue("stream", stream).log("JetStream stream created");
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != 10058) { // another process created it first
        throw e;
      }
    }
  }

  Connection connection() {
    return connection;
  }

  Config config() {
    return config;
  }

  void forget(JetStreamSubscription subscription) {
    subscriptions.remove(subscription.key(), subscription);
  }

  /** Closes the consumers (unsettled deliveries go back at once), then the connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    subscriptions.values().forEach(JetStreamSubscription::stopPulling);
    subscriptions.values().forEach(JetStreamSubscription::close);
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      if (connection.getStatus() == Connection.Status.CONNECTED) {
        connection.flush(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | RuntimeException e) {
      log.atDebug().addKeyValue("reason", e.toString()).log("flush before close failed");
    }
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Logger log() {
    return log;
  }
}
