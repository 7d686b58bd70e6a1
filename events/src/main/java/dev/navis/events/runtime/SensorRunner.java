package dev.navis.events.runtime;

import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.Sensor;
import dev.navis.api.model.events.Trigger;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.EventBus.Delivery;
import dev.navis.events.EventBus.Subscription;
import dev.navis.events.Event;
import dev.navis.events.sensor.DependencyFilters;
import dev.navis.events.sensor.DependencyTransform;
import dev.navis.events.sensor.DependencyTransform.Result;
import dev.navis.events.sensor.FilterVerdict;
import dev.navis.events.sensor.SensorState;
import dev.navis.events.sensor.SensorState.Firing;
import dev.navis.events.sensor.SensorStateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sensor in this process: a durable subscription per dependency, the dependency's
 * transform and filters, the sensor's {@link SensorState}, and its triggers. An event is
 * acknowledged once recorded, or, when it fires a trigger marked {@code atLeastOnce}, once that
 * trigger and its dead-letter path are done; a failed at-least-once trigger without a
 * dead-letter trigger sends the event back to the bus for another round. What the triggers
 * have seen is loaded from a {@link SensorStateStore} at the start and saved there before an
 * event is acknowledged, so partly met conditions survive a restart.
 */
public final class SensorRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SensorRunner.class);

  private final Sensor sensor;
  private final String namespace;
  private final EventBus bus;
  private final SensorStateStore stateStore;
  private final Clock clock;
  private final SensorListener listener;
  private final SensorState state;
  private final TriggerRunner triggers;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Map<String, DependencyTransform> transforms = new HashMap<>();

  /**
   * @param sensor a sensor that passed {@link dev.navis.events.sensor.SensorCheck} (its
   *     conditions parse)
   */
  public SensorRunner(Sensor sensor, String namespace, EventBus bus, TriggerActions actions,
      Clock clock, Sleeper sleeper, SensorListener listener) {
    this(sensor, namespace, bus, SensorStateStore.inMemory(), actions, clock, sleeper, listener);
  }

  /**
   * @param sensor a sensor that passed {@link dev.navis.events.sensor.SensorCheck} (its
   *     conditions parse)
   * @param stateStore where partly met conditions are kept
   */
  public SensorRunner(Sensor sensor, String namespace, EventBus bus, SensorStateStore stateStore,
      TriggerActions actions, Clock clock, Sleeper sleeper, SensorListener listener) {
    this.sensor = sensor;
    this.namespace = namespace;
    this.bus = bus;
    this.stateStore = stateStore;
    this.clock = clock;
    this.listener = listener;
    this.state = new SensorState(sensor.spec(), clock.instant());
    this.triggers = new TriggerRunner(namespace, sensor.name(), actions, clock, sleeper);
    for (EventDependency dependency : sensor.spec().dependencies()) {
      transforms.put(dependency.name(), DependencyTransform.of(dependency.transform()));
    }
  }

  /**
   * Subscribes every dependency. Events flow from the sensor's creation on (when its metadata
   * says when that was), so those accepted while it waited to start are not missed.
   */
  public synchronized void start() {
    synchronized (state) {
      state.restore(stateStore.load(namespace, sensor.name()));
    }
    Instant created = sensor.metadata() == null ? null : sensor.metadata().creationTimestamp();
    for (EventDependency dependency : sensor.spec().dependencies()) {
      subscriptions.add(bus.subscribe(sensor.spec().eventBusName(), sensor.name(), dependency,
          created, delivery -> handle(dependency, delivery)));
    }
    log.atInfo().addKeyValue("sensor", sensor.name())
        .addKeyValue("dependencies", subscriptions.size()).log("sensor started");
  }

  @Override
  public synchronized void close() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
  }

  private void handle(EventDependency dependency, Delivery delivery) {
    Result transformed = transforms.get(dependency.name()).apply(delivery.event());
    if (!transformed.applied()) {
      drop(dependency, delivery, transformed.reason());
      return;
    }
    Event event = transformed.event();
    FilterVerdict verdict = DependencyFilters.assess(dependency, event);
    if (!verdict.passed()) {
      drop(dependency, delivery, verdict.reason());
      return;
    }

    List<Firing> firings;
    synchronized (state) {
      Map<String, Map<String, Event>> before = state.snapshot();
      firings = state.record(dependency.name(), event, clock.instant());
      save(before, state.snapshot());
    }
    boolean atLeastOnce = firings.stream()
        .anyMatch(firing -> Boolean.TRUE.equals(firing.trigger().atLeastOnce()));
    if (!atLeastOnce) {
      delivery.ack();
    }
    boolean done = fire(firings);
    if (atLeastOnce) {
      if (done) {
        delivery.ack();
      } else {
        delivery.nak();
      }
    }
  }

  /** Saves the triggers whose seen events changed. */
  private void save(Map<String, Map<String, Event>> before,
      Map<String, Map<String, Event>> after) {
    after.forEach((trigger, seen) -> {
      if (!Objects.equals(before.get(trigger), seen)) {
        stateStore.save(namespace, sensor.name(), trigger, seen);
      }
    });
  }

  private void drop(EventDependency dependency, Delivery delivery, String reason) {
    log.atDebug().addKeyValue("sensor", sensor.name())
        .addKeyValue("dependency", dependency.name()).addKeyValue("event", delivery.event().id())
        .addKeyValue("reason", reason).log("event filtered out");
    listener.eventFiltered(sensor.name(), dependency.name(), delivery.event(), reason);
    delivery.ack();
  }

  /** Runs the firings; false when an at-least-once trigger failed with nowhere to go. */
  private boolean fire(List<Firing> firings) {
    boolean done = true;
    for (Firing firing : firings) {
      Trigger trigger = firing.trigger();
      try {
        TriggerRun run = triggers.run(trigger, firing.events(), firing.triggeringEvent());
        listener.triggerRan(run);
        boolean handled = run.succeeded() || run.deadLetter() != null
            && run.deadLetter().succeeded();
        done &= handled || !Boolean.TRUE.equals(trigger.atLeastOnce());
        log.atInfo().addKeyValue("sensor", sensor.name()).addKeyValue("trigger", run.trigger())
            .addKeyValue("succeeded", run.succeeded()).addKeyValue("attempts", run.attempts())
            .addKeyValue("detail", run.detail()).log("trigger ran");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return done;
  }
}
