package dev.navis.events.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.Backoff;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.EventSourceFilter;
import dev.navis.api.model.events.SecretKeySelector;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.GoDurations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker event sources (amqp, mqtt, redis, redisStream) share: building the data as
 * Argo Events does, applying {@code filter.expression}, publishing to the bus and waiting until
 * it stored the event, so the broker is acknowledged only then, and the waits between
 * reconnects.
 */
final class BrokerEvents {

  /** What became of a message. */
  enum Outcome { STORED, FILTERED, FAILED }

  static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Ends a problem with a broker that could not be reached or refused a declaration at start:
   * the runner keeps trying, as Argo Events' pod would by restarting.
   */
  static final String RETRYING = " (still trying in the background)";
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(BrokerEvents.class);

  private final String type;
  private final String sourceName;
  private final String busName;
  private final EventBus bus;
  private final Clock clock;

  BrokerEvents(String type, EventSource source, EventBus bus, Clock clock) {
    this.type = type;
    this.sourceName = source.metadata().name();
    this.busName = source.spec().eventBusName();
    this.bus = bus;
    this.clock = clock;
  }

  String sourceName() {
    return sourceName;
  }

  /** Publishes {@code data} as event {@code eventName} unless the filter rejects it. */
  Outcome publish(String eventName, EventSourceFilter filter, ObjectNode data) {
    return publish(eventName, filter, data, null);
  }

  /**
   * Publishes {@code data} as event {@code eventName} unless the filter rejects it. A broker
   * that names each message for good ({@code key}: a stream entry id, an SNS MessageId) gives
   * the event an id made from it, so a message delivered again after the bus stored it (the
   * acknowledgement was lost) is dropped by the bus as a duplicate.
   */
  Outcome publish(String eventName, EventSourceFilter filter, ObjectNode data, String key) {
    Event fresh = Event.of(type, sourceName, eventName, clock.instant(), data);
    Event event = key == null ? fresh : new Event(fresh.context().withId(UUID.nameUUIDFromBytes(
        (type + "/" + sourceName + "/" + eventName + "/" + key)
            .getBytes(StandardCharsets.UTF_8)).toString()), data);
    String rejection = SourceFilter.rejection(filter, event);
    if (rejection != null) {
      log.atDebug().addKeyValue("eventSource", sourceName).addKeyValue("event", eventName)
          .addKeyValue("reason", rejection).log("event filtered out");
      return Outcome.FILTERED;
    }
    try {
      bus.publish(busName, event).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return Outcome.STORED;
    } catch (ExecutionException | TimeoutException e) {
      log.atWarn().addKeyValue("eventSource", sourceName).addKeyValue("event", eventName)
          .addKeyValue("type", type).addKeyValue("reason", String.valueOf(e.getCause()))
          .log("event bus did not store an event; the broker is not acknowledged");
      return Outcome.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.FAILED;
    }
  }

  /**
   * For brokers that do not deliver a message again to a live subscriber (MQTT, Redis pub/sub):
   * publishes until the bus stores it, waiting more between attempts, while {@code running}.
   */
  Outcome publishUntilStored(String eventName, EventSourceFilter filter, ObjectNode data,
      BooleanSupplier running) {
    for (int attempt = 1; ; attempt++) {
      Outcome outcome = publish(eventName, filter, data);
      if (outcome != Outcome.FAILED || !running.getAsBoolean() || !pause(wait(null, attempt))) {
        return outcome;
      }
    }
  }

  /** A new data object with the fields every broker event has last: {@code metadata}. */
  static ObjectNode withMetadata(ObjectNode data, Map<String, String> metadata) {
    if (metadata != null && !metadata.isEmpty()) {
      data.set("metadata", Codec.json().valueToTree(metadata));
    }
    return data;
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * The body as Argo Events marshals it: the JSON itself with {@code jsonBody}, else the bytes
   * as Go marshals a byte slice (base64 text).
   *
   * @throws IllegalArgumentException when {@code jsonBody} is set and the body is not JSON
   */
  static JsonNode bytesBody(byte[] body, Boolean jsonBody) {
    return Boolean.TRUE.equals(jsonBody) ? json(new String(body, StandardCharsets.UTF_8))
        : TextNode.valueOf(Base64.getEncoder().encodeToString(body));
  }

  /** A text body (Redis): the JSON itself with {@code jsonBody}, else the text. */
  static JsonNode textBody(String body, Boolean jsonBody) {
    return Boolean.TRUE.equals(jsonBody) ? json(body) : TextNode.valueOf(body);
  }

  private static JsonNode json(String text) {
    try {
      return Codec.json().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("jsonBody is set but the body is not JSON: "
          + e.getOriginalMessage());
    }
  }

  /** The secret's value, or a problem {@code path: secret name/key not found}. */
  static Optional<String> secret(Secrets secrets, SecretKeySelector selector, String path,
      java.util.List<String> problems) {
    Optional<String> value = secrets.lookup(selector);
    if (value.isEmpty()) {
      problems.add(path + ": secret " + selector.name() + "/" + selector.key() + " not found");
    }
    return value;
  }

  /**
   * The wait before reconnect attempt {@code attempt + 1}: {@code connectionBackoff}'s duration
   * times its factor per attempt (1s doubling by default), never over 30s.
   */
  static Duration wait(Backoff backoff, int attempt) {
    Duration base = backoff == null ? Duration.ofSeconds(1)
        : GoDurations.parse(backoff.duration()).orElse(Duration.ofSeconds(1));
    double factor = backoff == null || backoff.factor() == null ? 2
        : number(backoff.factor(), 2);
    double nanos = base.toNanos() * Math.pow(Math.max(factor, 1), Math.min(attempt - 1, 30));
    return nanos >= MAX_WAIT.toNanos() ? MAX_WAIT : Duration.ofNanos((long) nanos);
  }

  /** One try at connecting again: what it made, or an exception saying why it could not. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws Exception;
  }

  /**
   * Tries until an attempt succeeds, waiting by {@code backoff} before each and logging each
   * failure as {@code what} failed; null once {@code closed} says so or the thread is
   * interrupted (the runner is closing).
   */
  <T> T retry(String event, String what, Backoff backoff, BooleanSupplier closed,
      Attempt<T> attempt) {
    for (int count = 1; !closed.getAsBoolean(); count++) {
      if (!pause(wait(backoff, count)) || closed.getAsBoolean()) {
        return null;
      }
      try {
        return attempt.run();
      } catch (Exception e) {
        log.atWarn().addKeyValue("eventSource", sourceName).addKeyValue("event", event)
            .addKeyValue("attempt", count).addKeyValue("reason", e.getMessage())
            .log(what + " failed");
      }
    }
    return null;
  }

  /** Sleeps; false when interrupted (the runner is closing). */
  static boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static double number(JsonNode value, double fallback) {
    try {
      return value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
