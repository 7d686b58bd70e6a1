package dev.navis.events;

import dev.navis.events.EventBus.Delivery;
import dev.navis.events.EventBus.DeliveryHandler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One durable consumer of the in-memory bus: a queue that outlives subscriptions, delivering
 * to the attached handler on one virtual thread, and remembering what is unacknowledged.
 */
final class DurableConsumer {

  final String name;
  final String subject;
  private final InMemoryEventBus bus;
  private final Deque<Event> queue = new ArrayDeque<>();
  private final Map<String, Event> unacknowledged = new LinkedHashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private DeliveryHandler handler;
  private Thread worker;

  DurableConsumer(String name, String subject, InMemoryEventBus bus) {
    this.name = name;
    this.subject = subject;
    this.bus = bus;
  }

  synchronized void offer(Event event) {
    queue.addLast(event);
    notifyAll();
  }

  synchronized void attach(DeliveryHandler newHandler) {
    detach();
    handler = newHandler;
    worker = Thread.ofVirtual().name("bus-" + name).start(this::deliverLoop);
  }

  /** Stops delivering; what was delivered but not acknowledged goes back to the queue's head. */
  synchronized void detach() {
    if (worker == null) {
      return;
    }
    worker.interrupt();
    worker = null;
    handler = null;
    unacknowledged.values().stream().toList().reversed().forEach(queue::addFirst);
    unacknowledged.clear();
  }

  private void deliverLoop() {
    Thread self = Thread.currentThread();
    while (!self.isInterrupted()) {
      Delivery delivery;
      DeliveryHandler current;
      synchronized (this) {
        while (queue.isEmpty() && worker == self) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (worker != self) {
          return;
        }
        delivery = take(queue.removeFirst());
        current = handler;
      }
      handOver(current, delivery);
    }
  }

  private void handOver(DeliveryHandler current, Delivery delivery) {
    try {
      current.handle(delivery);
    } catch (RuntimeException e) {
      InMemoryEventBus.log().atError().addKeyValue("consumer", name)
          .addKeyValue("event", delivery.event().id()).setCause(e)
          .log("an event handler failed; the event will be delivered again");
      delivery.nak();
    }
  }

  private Delivery take(Event event) {
    unacknowledged.put(event.id(), event);
    int attempt = attempts.merge(event.id(), 1, Integer::sum);
    return new Delivery() {
      @Override
      public Event event() {
        return event;
      }

      @Override
      public int attempt() {
        return attempt;
      }

      @Override
      public void ack() {
        settle(event, false);
      }

      @Override
      public void nak() {
        settle(event, true);
      }
    };
  }

  private void settle(Event event, boolean again) {
    synchronized (this) {
      if (unacknowledged.remove(event.id()) == null) {
        return;
      }
      if (!again) {
        attempts.remove(event.id());
      }
    }
    if (again) {
      bus.redeliverLater(this, event);
    }
  }
}
