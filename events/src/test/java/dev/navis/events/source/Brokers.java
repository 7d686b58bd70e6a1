package dev.navis.events.source;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.Resources;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The local brokers the broker event source tests talk to, and what those tests share. */
final class Brokers {

  static final String HOST = "127.0.0.1";
  static final int RABBITMQ = 5672;
  static final int MOSQUITTO = 1883;
  static final int REDIS = 6379;

  private Brokers() {}

  /** Fails, saying how to start it, when the broker on {@code port} does not answer. */
  static void require(String broker, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 1_000);
    } catch (IOException e) {
      fail(broker + " is not reachable on " + HOST + ":" + port + " (" + e.getMessage()
          + "); start it with bin/test, or: . bin/lib.sh && navis_start_event_services");
    }
  }

  /** A name no other test run uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static EventSource source(String yaml) {
    return Resources.parse("source.yaml", yaml).resources().getFirst().as(EventSource.class);
  }

  static JsonNode json(String text) {
    try {
      return Codec.json().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Every event of {@code eventSource}/{@code eventName} the bus stores, in order. */
  static LinkedBlockingQueue<Event> received(EventBus bus, String eventSource,
      String eventName) {
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    bus.subscribe(null, "test", new EventDependency("d", eventSource, eventName, null, null,
        null), delivery -> {
          received.add(delivery.event());
          delivery.ack();
        });
    return received;
  }

  static Event next(LinkedBlockingQueue<Event> received) throws InterruptedException {
    Event event = received.poll(10, TimeUnit.SECONDS);
    if (event == null) {
      fail("no event reached the bus within 10s");
    }
    return event;
  }

  /** A bus that refuses the first {@code refusals} events, then stores them in memory. */
  static final class RefusingBus implements EventBus {
    final InMemoryEventBus stored = new InMemoryEventBus();
    final AtomicInteger refused = new AtomicInteger();
    private final int refusals;

    RefusingBus(int refusals) {
      this.refusals = refusals;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(String bus, Event event) {
      if (refused.get() < refusals) {
        refused.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
      }
      return stored.publish(bus, event);
    }

    @Override
    public Subscription subscribe(String bus, String sensor, EventDependency dependency,
        DeliveryHandler handler) {
      return stored.subscribe(bus, sensor, dependency, handler);
    }

    @Override
    public void close() {
      stored.close();
    }
  }
}
