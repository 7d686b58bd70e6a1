package dev.navis.events.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.NatsEventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import dev.navis.events.jetstream.NatsConnections;
import dev.navis.events.sensor.GoDurations;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code nats} events of an EventSource: one connection per event, subscribed to its
 * {@code subject} (in the {@code queue} group when given), reconnecting by itself when the
 * server goes away. A message becomes an event {@code {subject, body, header, metadata}} as
 * Argo Events makes it: the body as JSON when {@code jsonBody} (a message that is not JSON
 * is dropped), else base64 as Go writes bytes; {@code filter.expression} decides what is
 * published. NATS core has no acknowledgement, so a message whose event the bus cannot store
 * is lost, as in Argo Events.
 */
public final class NatsEventSourceRunner implements EventSourceRunner {

  private static final Logger log = LoggerFactory.getLogger(NatsEventSourceRunner.class);

  private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

  private final List<Connection> connections = new ArrayList<>();
  private final List<Thread> retries = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private boolean closed;

  private NatsEventSourceRunner() {}

  /**
   * Connects and subscribes every nats event; one whose url, subject or secrets are wrong is
   * left out and named in {@link #problems()}. One whose server cannot be reached now is
   * named too, and keeps trying every {@code connectionBackoff.duration} (1s by default)
   * until it connects or the runner closes.
   */
  public static NatsEventSourceRunner start(EventSource source, EventBus bus, Secrets secrets,
      Clock clock) {
    NatsEventSourceRunner runner = new NatsEventSourceRunner();
    Map<String, NatsEventSource> events = source.spec().nats() == null ? Map.of()
        : source.spec().nats();
    events.forEach((name, nats) -> {
      String path = "spec.nats." + name;
      try {
        runner.start(new Subscriber(source, name, nats, bus, clock, path,
            options(source, name, nats, secrets, path)));
      } catch (IllegalArgumentException e) {
        runner.problems.add(e.getMessage());
      }
    });
    return runner;
  }

  @Override
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public synchronized void close() {
    closed = true;
    retries.forEach(Thread::interrupt);
    connections.forEach(NatsEventSourceRunner::closeQuietly);
  }

  private static Options options(EventSource source, String name, NatsEventSource nats,
      Secrets secrets, String path) {
    if (nats.subject() == null || nats.subject().isBlank()) {
      throw new IllegalArgumentException(path + ".subject: required");
    }
    return NatsConnections.clientOptions(nats.url(), nats.auth(), nats.tls(), secrets, path,
        "eventsource-" + source.metadata().name() + "-" + name).build();
  }

  private void start(Subscriber subscriber) {
    try {
      connected(subscriber.connect());
    } catch (IllegalStateException e) {
      Duration wait = GoDurations.parse(subscriber.nats.connectionBackoff() == null ? null
          : subscriber.nats.connectionBackoff().duration()).orElse(DEFAULT_RETRY);
      problems.add(e.getMessage() + "; trying again every " + wait.toMillis() + "ms");
      retries.add(Thread.ofVirtual().name("nats-connect-" + subscriber.name)
          .start(() -> retry(subscriber, wait)));
    }
  }

  // TODO: connectionBackoff's factor, jitter and steps are not applied: the wait is constant.
  private void retry(Subscriber subscriber, Duration wait) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(wait);
        connected(subscriber.connect());
        return;
      } catch (InterruptedException e) {
        return;
      } catch (IllegalStateException e) {
        log.atDebug().addKeyValue("event", subscriber.name)
            .addKeyValue("reason", e.getMessage()).log("nats event source still not connected");
      }
    }
  }

  private synchronized void connected(Connection connection) {
    if (closed) {
      closeQuietly(connection);
    } else {
      connections.add(connection);
    }
  }

  /** One nats event: how to connect, subscribe and publish what arrives. */
  private record Subscriber(EventSource source, String name, NatsEventSource nats,
      EventBus bus, Clock clock, String path, Options options) {

    Connection connect() {
      Connection connection;
      try {
        connection = NatsConnections.connect(options, nats.url());
      } catch (IllegalStateException e) {
        throw new IllegalStateException(path + ".url: " + e.getMessage(), e);
      }
      Dispatcher dispatcher = connection.createDispatcher(message ->
          publish(source, name, nats, bus, clock, message));
      if (nats.queue() != null && !nats.queue().isBlank()) {
        dispatcher.subscribe(nats.subject(), nats.queue());
      } else {
        dispatcher.subscribe(nats.subject());
      }
      flush(connection, path);
      log.atInfo().addKeyValue("eventSource", source.metadata().name())
          .addKeyValue("event", name).addKeyValue("subject", nats.subject())
          .log("nats event source subscribed");
      return connection;
    }
  }

  /** Waits until the server has the subscription, so a message sent next is not missed. */
  private static void flush(Connection connection, String path) {
    try {
      connection.flush(Duration.ofSeconds(2));
    } catch (TimeoutException | InterruptedException e) {
      closeQuietly(connection);
      throw new IllegalStateException(path + ".url: the server did not confirm the"
          + " subscription within 2s", e);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void publish(EventSource source, String name, NatsEventSource nats,
      EventBus bus, Clock clock, Message message) {
    String sourceName = source.metadata().name();
    ObjectNode data;
    try {
      data = data(message, nats);
    } catch (IOException e) {
      log.atWarn().addKeyValue("eventSource", sourceName).addKeyValue("event", name)
          .addKeyValue("subject", message.getSubject()).addKeyValue("reason", e.getMessage())
          .log("jsonBody is set but the message is not JSON; dropped");
      return;
    }

    Event event = Event.of("nats", sourceName, name, clock.instant(), data);
    String rejection = SourceFilter.rejection(nats.filter(), event);
    if (rejection != null) {
      log.atDebug().addKeyValue("eventSource", sourceName).addKeyValue("event", name)
          .addKeyValue("reason", rejection).log("message filtered out");
      return;
    }
    bus.publish(source.spec().eventBusName(), event).whenComplete((receipt, failure) -> {
      if (failure != null) {
        log.atWarn().addKeyValue("eventSource", sourceName).addKeyValue("event", name)
            .addKeyValue("reason", failure.getMessage()).log("nats message not stored");
      }
    });
  }

  /** Argo Events' NATS event data: {@code {subject, body, header, metadata}}. */
  static ObjectNode data(Message message, NatsEventSource nats) throws IOException {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("subject", message.getSubject());
    byte[] body = message.getData() == null ? new byte[0] : message.getData();
    if (Boolean.TRUE.equals(nats.jsonBody())) {
      JsonNode json = Codec.json().readTree(body);
      if (json == null || json.isMissingNode()) {
        throw new IOException("empty body");
      }
      data.set("body", json);
    } else {
      data.put("body", Base64.getEncoder().encodeToString(body));
    }
    data.set("header", header(message.getHeaders()));
    if (nats.metadata() != null) {
      data.set("metadata", Codec.json().valueToTree(nats.metadata()));
    }
    return data;
  }

  /** The headers as Go's {@code nats.Header}: name to list of values; null when none. */
  private static JsonNode header(Headers headers) {
    if (headers == null || headers.isEmpty()) {
      return JsonNodeFactory.instance.nullNode();
    }
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    headers.entrySet().forEach(entry -> {
      ArrayNode values = header.putArray(entry.getKey());
      entry.getValue().forEach(values::add);
    });
    return header;
  }
}
