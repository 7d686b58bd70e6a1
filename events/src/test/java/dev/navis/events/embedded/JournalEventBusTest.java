package dev.navis.events.embedded;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.events.EventDependency;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.EventBusContract;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bus contract on the embedded bus over an H2 file, and what only a journal can do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalEventBusTest extends EventBusContract {

  private Path folder;
  private WorkflowStore store;

  @BeforeAll
  void openStore() throws Exception {
    folder = Files.createTempDirectory("navis-journal-bus");
    store = Stores.open("h2:" + folder);
  }

  @AfterAll
  void closeStore() throws Exception {
    store.close();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Override
  protected EventBus newBus() {
    return bus(store);
  }

  private static JournalEventBus bus(WorkflowStore store) {
    return new JournalEventBus(store.events(), Clock.systemUTC(), Duration.ofMillis(20),
        Duration.ofMillis(100));
  }

  @Test
  void aReopenedStoreDeliversWhatWasNotAcknowledgedAndFindsEventsById() throws Exception {
    EventDependency dependency = new EventDependency("dep", "webhook", "restart", null, null,
        null);
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    bus.subscribe(null, sensor, dependency, delivery -> attempts.add(delivery.attempt()));
    Event held = event("webhook", "restart", "{\"n\":1}");
    bus.publish(null, held).get();
    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 1);
    bus.close();

    Event acknowledged;
    try (WorkflowStore reopened = Stores.open("h2:" + folder);
        JournalEventBus again = bus(reopened)) {
      List<String> received = new CopyOnWriteArrayList<>();
      again.subscribe(null, sensor, dependency, delivery -> {
        received.add(delivery.event().id() + "#" + delivery.attempt());
        delivery.ack();
      });
      acknowledged = event("webhook", "restart", "{\"n\":2}");
      again.publish(null, acknowledged).get();

      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
      assertThat(received).containsExactly(held.id() + "#2", acknowledged.id() + "#1");
      assertThat(again.find(held.id())).contains(held);
    }
  }

  @Test
  void fiveHundredEventsAreEachDeliveredOnceAndPublishIsTimed() throws Exception {
    EventDependency dependency = new EventDependency("dep", "webhook", "load", null, null,
        null);
    java.util.Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger deliveries =
        new java.util.concurrent.atomic.AtomicInteger();
    bus.subscribe(null, sensor, dependency, delivery -> {
      deliveries.incrementAndGet();
      received.add(delivery.event().id());
      delivery.ack();
    });
    long[] nanos = new long[500];
    long start = System.nanoTime();
    for (int i = 0; i < nanos.length; i++) {
      long before = System.nanoTime();
      bus.publish(null, event("webhook", "load", "{\"n\":" + i + "}")).get();
      nanos[i] = System.nanoTime() - before;
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == nanos.length);
    long total = System.nanoTime() - start;

    java.util.Arrays.sort(nanos);
    System.out.printf("JournalEventBusTest (H2): publish median %.2f ms, p90 %.2f ms;"
        + " %d events published and acknowledged in %d ms%n", nanos[250] / 1e6,
        nanos[450] / 1e6, nanos.length, total / 1_000_000);
    Thread.sleep(200);
    assertThat(deliveries.get()).isEqualTo(nanos.length);
  }
}
