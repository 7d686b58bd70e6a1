package dev.navis.events.runtime;

import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.SensorCheck;
import dev.navis.events.sensor.SensorCheck.Finding;
import dev.navis.events.sensor.SensorStateStore;
import dev.navis.events.source.EventSourceCheck;
import dev.navis.events.source.EventSourceRunner;
import dev.navis.events.source.EventSourceState;
import dev.navis.events.source.EventSourceTypes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event sources and sensors running in this process, by namespace and name: what the
 * server calls when one is created, updated or deleted. Applying a resource checks it first;
 * one with errors is refused (the findings say where) and whatever ran under its name keeps
 * running. Applying again replaces the running one.
 */
public final class EventsRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventsRuntime.class);

  private final EventBus bus;
  private final TriggerActions actions;
  private final EventSourceTypes.Services services;
  private final Clock clock;
  private final SensorListener listener;
  private final SensorStateStore stateStore;
  private final Map<String, List<EventSourceRunner>> sources = new HashMap<>();
  private final Map<String, SensorRunner> sensors = new HashMap<>();

  /** A runtime whose event sources keep their state (calendar catch-up) in memory only. */
  public EventsRuntime(EventBus bus, TriggerActions actions, Secrets secrets, Clock clock,
      SensorListener listener) {
    this(bus, SensorStateStore.inMemory(), EventSourceState.inMemory(), actions, secrets,
        clock, listener);
  }

  /**
   * A runtime whose sensors keep their partly met conditions in {@code stateStore} and whose
   * event sources keep theirs (calendar catch-up) in {@code sourceState}.
   */
  public EventsRuntime(EventBus bus, SensorStateStore stateStore, EventSourceState sourceState,
      TriggerActions actions, Secrets secrets, Clock clock, SensorListener listener) {
    this.bus = bus;
    this.stateStore = stateStore;
    this.actions = actions;
    this.services = new EventSourceTypes.Services(bus, secrets, clock, sourceState);
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Starts (or restarts) an event source. Returns the check's findings plus what could not
   * start (a port in use, a folder that does not exist) as errors on their field paths.
   */
  public synchronized List<Finding> apply(String namespace, EventSource source) {
    List<Finding> findings = new ArrayList<>(EventSourceCheck.check(source));
    if (findings.stream().anyMatch(finding -> !finding.warning())) {
      return findings;
    }
    deleteEventSource(namespace, source.metadata().name());

    EventSource placed = inNamespace(source, namespace);
    List<EventSourceRunner> running = new ArrayList<>();
    for (EventSourceTypes.Starter starter : EventSourceTypes.STANDARD) {
      EventSourceRunner runner = starter.start(placed, services);
      running.add(runner);
      runner.problems().forEach(problem -> findings.add(asFinding(problem)));
    }
    sources.put(key(namespace, source.metadata().name()), running);
    log.atInfo().addKeyValue("namespace", namespace)
        .addKeyValue("eventSource", source.metadata().name()).log("event source applied");
    return findings;
  }

  /** Starts (or restarts) a sensor; refused, with the findings, when it has errors. */
  public synchronized List<Finding> apply(String namespace, Sensor sensor) {
    List<Finding> findings = SensorCheck.check(sensor);
    if (findings.stream().anyMatch(finding -> !finding.warning())) {
      return findings;
    }
    deleteSensor(namespace, sensor.name());

    SensorRunner runner = new SensorRunner(sensor, namespace, bus, stateStore, actions, clock,
        Sleeper.REAL, listener);
    runner.start();
    sensors.put(key(namespace, sensor.name()), runner);
    return findings;
  }

  /** Stops an event source; its events stop at once. False when none ran under that name. */
  public synchronized boolean deleteEventSource(String namespace, String name) {
    List<EventSourceRunner> running = sources.remove(key(namespace, name));
    if (running == null) {
      return false;
    }
    running.forEach(EventsRuntime::closeQuietly);
    return true;
  }

  /**
   * Stops a sensor. Its durable consumers stay on the bus, so a sensor applied again under the
   * same name resumes with the events that arrived meanwhile.
   */
  public synchronized boolean deleteSensor(String namespace, String name) {
    SensorRunner running = sensors.remove(key(namespace, name));
    if (running == null) {
      return false;
    }
    running.close();
    return true;
  }

  @Override
  public synchronized void close() {
    sensors.values().forEach(SensorRunner::close);
    sensors.clear();
    sources.values().forEach(running -> running.forEach(EventsRuntime::closeQuietly));
    sources.clear();
  }

  /** The source with the namespace it runs in, which keys its saved state. */
  private static EventSource inNamespace(EventSource source, String namespace) {
    ObjectMeta meta = source.metadata();
    if (Objects.equals(meta.namespace(), namespace)) {
      return source;
    }
    ObjectMeta placed = new ObjectMeta(meta.name(), meta.generateName(), namespace, meta.uid(),
        meta.labels(), meta.annotations(), meta.creationTimestamp(), meta.resourceVersion(),
        meta.generation(), meta.ownerReferences(), meta.finalizers(), meta.managedFields(),
        meta.labelsFrom());
    return new EventSource(source.apiVersion(), source.kind(), placed, source.spec(),
        source.status());
  }

  private static Finding asFinding(String problem) {
    int colon = problem.indexOf(": ");
    return colon < 0 ? new Finding("spec", problem, false)
        : new Finding(problem.substring(0, colon), problem.substring(colon + 2), false);
  }

  private static void closeQuietly(AutoCloseable running) {
    try {
      running.close();
    } catch (Exception e) {
      log.atWarn().setCause(e).log("stopping an event source failed");
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
