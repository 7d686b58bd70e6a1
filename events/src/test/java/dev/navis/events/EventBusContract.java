package dev.navis.events;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.events.EventDependency;
import dev.navis.events.EventBus.Delivery;
import dev.navis.events.EventBus.PublishReceipt;
import dev.navis.events.EventBus.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventBus} must do, run once per bus: subclasses make the bus, a fresh one
 * (with no consumers) for each test, redelivering a negatively acknowledged event within a
 * second.
 */
public abstract class EventBusContract {

  protected EventBus bus;

  protected abstract EventBus newBus() throws Exception;

  @BeforeEach
  void open() throws Exception {
    bus = newBus();
  }

  private final EventDependency dependency =
      new EventDependency("dep", "webhook", "example", null, null, null);
  protected final String sensor = "s-" + java.util.UUID.randomUUID();

  @AfterEach
  void close() throws Exception {
    bus.close();
  }

  @Test
  void publishesOnTheSubjectAndDropsADuplicateId() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(null, sensor, dependency, delivery -> {
      received.add(delivery.event().id());
      delivery.ack();
    });
    Event event = event("webhook", "example", "{}");

    PublishReceipt first = bus.publish(null, event).get();
    PublishReceipt again = bus.publish(null, event).get();
    bus.publish(null, event("webhook", "other", "{}")).get();

    assertThat(first.subject()).isEqualTo("default.webhook.example");
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    Thread.sleep(50);
    assertThat(received).containsExactly(event.id());
  }

  @Test
  void aNegativelyAcknowledgedEventComesBack() throws Exception {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    bus.subscribe("b", sensor, dependency, delivery -> {
      attempts.add(delivery.attempt());
      if (delivery.attempt() < 3) {
        delivery.nak();
      } else {
        delivery.ack();
      }
    });

    bus.publish("b", event("webhook", "example", "{}")).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 3);
    assertThat(attempts).containsExactly(1, 2, 3);
  }

  @Test
  void aDurableConsumerKeepsWhatArrivedWhileAwayAndWhatWasNotAcknowledged() throws Exception {
    List<Delivery> held = new CopyOnWriteArrayList<>();
    Subscription first = bus.subscribe(null, sensor, dependency, held::add);
    Event unacknowledged = event("webhook", "example", "{\"n\":1}");
    bus.publish(null, unacknowledged).get();
    await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 1);
    first.close();
    Event whileAway = event("webhook", "example", "{\"n\":2}");
    bus.publish(null, whileAway).get();

    List<String> received = new CopyOnWriteArrayList<>();
    bus.subscribe(null, sensor, dependency, delivery -> {
      received.add(delivery.event().id());
      delivery.ack();
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
    assertThat(received).containsExactly(unacknowledged.id(), whileAway.id());
  }

  @Test
  void aClosedBusRefusesToPublish() {
    bus.close();
    assertThat(bus.publish(null, event("webhook", "example", "{}"))).isCompletedExceptionally();
  }
}
