package dev.navis.events;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.events.EventDependency;
import dev.navis.events.EventBus.Delivery;
import dev.navis.events.EventBus.PublishReceipt;
import dev.navis.events.EventBus.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventBus} promises, run against each bus by a subclass: de-duplication by
 * id, redelivery of what is not acknowledged, durable consumers that outlive subscriptions.
 */
public abstract class EventBusContract {

  /** A bus name of each test's own, so no consumer or event is left from another test. */
  protected String busName;
  protected final EventDependency dependency =
      new EventDependency("dep", "webhook", "example", null, null, null);
  protected final String sensor = "s-" + java.util.UUID.randomUUID();
  protected EventBus bus;

  /** A bus that redelivers a negatively acknowledged event within a few tens of ms. */
  protected abstract EventBus newBus() throws Exception;

  @BeforeEach
  void open() throws Exception {
    busName = NatsServers.unique("bus");
    bus = newBus();
  }

  @AfterEach
  void closeBus() {
    bus.close();
  }

  @Test
  void publishesOnTheSubjectAndDropsADuplicateId() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "s", dependency, delivery -> {
      received.add(delivery.event().id());
      delivery.ack();
    });
    Event event = event("webhook", "example", "{}");

    PublishReceipt first = bus.publish(busName, event).get();
    PublishReceipt again = bus.publish(busName, event).get();
    bus.publish(busName, event("webhook", "other", "{}")).get();

    assertThat(first.subject()).isEqualTo(busName + ".webhook.example");
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    Thread.sleep(100);
    assertThat(received).containsExactly(event.id());
  }

  @Test
  void aNewConsumerThatStartsInThePastGetsWhatWasPublishedSinceThen() throws Exception {
    Event before = event("webhook", "example", "{\"n\":1}");
    bus.publish(busName, before).get();
    Thread.sleep(100);
    Instant since = Instant.now();
    Thread.sleep(100);
    Event after = event("webhook", "example", "{\"n\":2}");
    bus.publish(busName, after).get();

    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "late", dependency, since, delivery -> {
      received.add(delivery.event().id());
      delivery.ack();
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(after.id()));
    Thread.sleep(100);
    assertThat(received).containsExactly(after.id());
  }

  @Test
  void anExistingConsumerKeepsItsPlaceWhateverTheStartItIsGiven() throws Exception {
    Subscription first = bus.subscribe(busName, "kept", dependency, Delivery::ack);
    Event seen = event("webhook", "example", "{}");
    bus.publish(busName, seen).get();
    Thread.sleep(300);
    first.close();

    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "kept", dependency, Instant.EPOCH, delivery -> {
      received.add(delivery.event().id());
      delivery.ack();
    });
    Event next = event("webhook", "example", "{}");
    bus.publish(busName, next).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(next.id()));
    assertThat(received).containsExactly(next.id());
  }

  @Test
  void deliversTheEventAsPublished() throws Exception {
    List<Event> received = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "s", dependency, delivery -> {
      received.add(delivery.event());
      delivery.ack();
    });
    Event event = event("webhook", "example", "{\"body\":{\"n\":[1,\"two\"]},\"header\":{}}");

    bus.publish(busName, event).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    assertThat(received.getFirst()).isEqualTo(event);
  }

  @Test
  void aNegativelyAcknowledgedEventComesBack() throws Exception {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "s", dependency, delivery -> {
      attempts.add(delivery.attempt());
      if (delivery.attempt() < 3) {
        delivery.nak();
      } else {
        delivery.ack();
      }
    });

    bus.publish(busName, event("webhook", "example", "{}")).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 3);
    assertThat(attempts).containsExactly(1, 2, 3);
  }

  @Test
  void aDurableConsumerKeepsWhatArrivedWhileAwayAndWhatWasNotAcknowledged() throws Exception {
    List<Delivery> held = new CopyOnWriteArrayList<>();
    Subscription first = bus.subscribe(busName, "s", dependency, held::add);
    Event unacknowledged = event("webhook", "example", "{\"n\":1}");
    bus.publish(busName, unacknowledged).get();
    await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 1);
    first.close();
    Event whileAway = event("webhook", "example", "{\"n\":2}");
    bus.publish(busName, whileAway).get();

    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "s", dependency, delivery -> {
      received.add(delivery.event().id());
      delivery.ack();
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
    assertThat(received).containsExactly(unacknowledged.id(), whileAway.id());
  }

  @Test
  void eachSensorHasItsOwnConsumer() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "s1", dependency, delivery -> {
      first.add(delivery.event().id());
      delivery.ack();
    });
    bus.subscribe(busName, "s2", dependency, delivery -> {
      second.add(delivery.event().id());
      delivery.ack();
    });

    Event event = event("webhook", "example", "{}");
    bus.publish(busName, event).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> first.size() == 1 && second.size() == 1);
    assertThat(first).isEqualTo(second).containsExactly(event.id());
  }

  @Test
  void aNewSubscriptionOfTheSameConsumerReplacesTheOld() throws Exception {
    List<String> old = new CopyOnWriteArrayList<>();
    List<String> current = new CopyOnWriteArrayList<>();
    bus.subscribe(busName, "s", dependency, delivery -> {
      old.add(delivery.event().id());
      delivery.ack();
    });
    bus.subscribe(busName, "s", dependency, delivery -> {
      current.add(delivery.event().id());
      delivery.ack();
    });

    Event event = event("webhook", "example", "{}");
    bus.publish(busName, event).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> current.size() == 1);
    assertThat(old).isEmpty();
  }

  @Test
  void aClosedBusRefusesToPublish() {
    bus.close();
    assertThat(bus.publish(busName, event("webhook", "example", "{}")))
        .isCompletedExceptionally();
  }
}
