package dev.navis.server.events;

import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.ConfigMaps;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.EventBus.PublishReceipt;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import dev.navis.events.embedded.JournalEventBus;
import dev.navis.events.embedded.StoredSensorStateStore;
import dev.navis.events.jetstream.JetStreamEventBus;
import dev.navis.events.jetstream.JetStreamSensorStateStore;
import dev.navis.events.runtime.EventsRuntime;
import dev.navis.events.runtime.RecentActivity;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.TriggerActions;
import dev.navis.events.runtime.TriggerRun;
import dev.navis.events.sensor.SensorCheck.Finding;
import dev.navis.events.sensor.SensorStateStore;
import dev.navis.events.trigger.WorkflowOperations;
import dev.navis.store.StoredResource;
import dev.navis.store.WorkflowStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo Events in {@code navis server}: the bus the configuration names, and every EventSource
 * and Sensor of the store running in this process. What is stored is applied at the start,
 * again whenever it changes (looked for every {@value #SYNC_SECONDS} seconds, and at once after
 * the API changed it), and stopped when it is deleted or the server stops.
 */
// TODO: every server on one PostgreSQL store runs every event source and sensor; several
// servers need a lease per resource (as workflows have claims) so that one runs each.
// TODO: trigger runs (for /api/v1/events and the sensor log) are kept in memory only.
public final class ServerEvents implements AutoCloseable {

  public static final String EMBEDDED = "embedded";
  public static final String MEMORY = "memory";

  private static final Logger log = LoggerFactory.getLogger(ServerEvents.class);
  private static final long SYNC_SECONDS = 2;

  private final EventResources resources;
  private final RecordingEventBus bus;
  private final JournalEventBus journal;
  private final SensorStateStore stateStore;
  private final RecentActivity activity = new RecentActivity(1000);
  private final ActivityLog logs = new ActivityLog(5000);
  private final EventMetrics metrics;
  private final EventsRuntime runtime;
  private final Map<String, String> applied = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

  /**
   * What the triggers and event sources read (secrets, and ConfigMaps as files), and where the
   * counters go.
   */
  private record Lookups(Secrets secrets, ConfigMaps configMaps, MeterRegistry registry) {}

  private ServerEvents(WorkflowStore store, EventBus chosen, SensorStateStore stateStore,
      WorkflowOperations workflows, Lookups lookups) {
    Secrets secrets = lookups.secrets();
    this.resources = new EventResources(store.resources());
    this.journal = chosen instanceof JournalEventBus embedded ? embedded : null;
    this.metrics = new EventMetrics(lookups.registry());
    this.bus = new RecordingEventBus(chosen, 1000, this::published, metrics::notPublished);
    this.stateStore = stateStore;
    this.runtime = new EventsRuntime(bus, stateStore,
        new StoredEventSourceState(store.resources()),
        TriggerActions.standard(workflows, secrets, lookups.configMaps()), secrets,
        Clock.systemUTC(), new Listener());
  }

  /**
   * Makes the bus {@code busUrl} names and applies every stored EventSource and Sensor.
   *
   * @param busUrl {@code embedded} (or blank: in the store), {@code memory}, or a
   *     {@code nats://} JetStream URL
   * @param home the Navis home, whose {@code secrets/<name>/<key>} files are secrets and
   *     {@code configmaps/<namespace>/<name>/<key>} files ConfigMaps
   * @throws IllegalArgumentException for a bus this build cannot make
   */
  public static ServerEvents start(String busUrl, WorkflowStore store,
      WorkflowOperations workflows, Path home, Map<String, String> environment) {
    return start(busUrl, store, workflows, home, environment, new SimpleMeterRegistry());
  }

  /**
   * Like {@link #start(String, WorkflowStore, WorkflowOperations, Path, Map)}, counting events
   * and trigger runs in {@code registry} under Argo Events' metric names.
   */
  public static ServerEvents start(String busUrl, WorkflowStore store,
      WorkflowOperations workflows, Path home, Map<String, String> environment,
      MeterRegistry registry) {
    Lookups lookups = new Lookups(
        Secrets.fromEnvironmentAndFolder(environment, home.resolve("secrets")),
        ConfigMaps.fromFolder(home.resolve("configmaps")), registry);
    String url = busUrl == null || busUrl.isBlank() ? EMBEDDED : busUrl.trim();
    ServerEvents events = switch (url) {
      case EMBEDDED -> new ServerEvents(store, new JournalEventBus(store.events()),
          new StoredSensorStateStore(store.sensorStates()), workflows, lookups);
      case MEMORY -> new ServerEvents(store, new InMemoryEventBus(),
          SensorStateStore.inMemory(), workflows, lookups);
      default -> jetStream(url, store, workflows, lookups);
    };
    events.sync();
    events.poller.scheduleWithFixedDelay(events::syncQuietly, SYNC_SECONDS, SYNC_SECONDS,
        TimeUnit.SECONDS);
    log.atInfo().addKeyValue("eventBus", url).log("events started");
    return events;
  }

  /** Events on NATS JetStream; the sensors' partly met conditions in its key-value bucket. */
  private static ServerEvents jetStream(String url, WorkflowStore store,
      WorkflowOperations workflows, Lookups lookups) {
    if (!url.startsWith("nats://") && !url.startsWith("tls://")) {
      throw new IllegalArgumentException("eventBus \"" + url + "\": expected embedded, memory"
          + " or a nats:// URL");
    }
    JetStreamEventBus bus;
    try {
      bus = JetStreamEventBus.connect(url);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("eventBus: " + e.getMessage(), e);
    }
    return new ServerEvents(store, bus, JetStreamSensorStateStore.open(bus, EventBus.DEFAULT),
        workflows, lookups);
  }

  public EventResources resources() {
    return resources;
  }

  public ActivityLog logs() {
    return logs;
  }

  /** The event with this id: from the journal of the embedded bus, else if seen lately. */
  public Optional<Event> event(String eventId) {
    Optional<Event> stored = journal != null ? journal.find(eventId) : Optional.empty();
    return stored.isPresent() ? stored : bus.recent(eventId);
  }

  /** The recent trigger runs an event took part in, newest first. */
  public List<TriggerRun> runsOfEvent(String eventId) {
    return activity.runsOfEvent(eventId);
  }

  /** Applies what changed in the store since the last look; stops what was deleted. */
  public synchronized void sync() {
    Set<String> present = new HashSet<>();
    for (String kind : EventResources.KINDS) {
      for (StoredResource stored : resources.stored(kind)) {
        String key = key(kind, stored.namespace(), stored.name());
        present.add(key);
        String version = stored.uid() + ":" + stored.generation(); // a spec change
        if (!version.equals(applied.put(key, version))) {
          apply(stored);
        }
      }
    }
    for (String key : Set.copyOf(applied.keySet())) {
      if (!present.contains(key)) {
        applied.remove(key);
        stop(key.split("/", 3));
      }
    }
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("could not look for changed event sources and sensors");
    }
  }

  private void apply(StoredResource stored) {
    List<Finding> findings;
    try {
      findings = EventSource.KIND.equals(stored.kind())
          ? runtime.apply(stored.namespace(), Codec.json().treeToValue(stored.body(),
              EventSource.class))
          : runtime.apply(stored.namespace(), Codec.json().treeToValue(stored.body(),
              Sensor.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      findings = List.of(new Finding("spec", "cannot be read: " + e.getMessage(), false));
    }
    List<Finding> errors = findings.stream().filter(finding -> !finding.warning()).toList();
    String message = errors.isEmpty() ? "applied" : "not applied: " + String.join("; ",
        errors.stream().map(finding -> finding.path() + ": " + finding.message()).toList());
    logs.add(stored.kind(), stored.namespace(), stored.name(), errors.isEmpty() ? "info"
        : "error", message, Map.of());
    log.atInfo().addKeyValue("kind", stored.kind()).addKeyValue("namespace", stored.namespace())
        .addKeyValue("name", stored.name()).addKeyValue("errors", errors.size()).log(message);
  }

  private void stop(String[] key) {
    String kind = key[0];
    String namespace = key[1];
    String name = key[2];
    if (EventSource.KIND.equals(kind)) {
      runtime.deleteEventSource(namespace, name);
    } else {
      runtime.deleteSensor(namespace, name);
      stateStore.delete(namespace, name);
    }
    logs.add(kind, namespace, name, "info", "deleted", Map.of());
  }

  /** The namespace of the applied resource of that kind and name (names rarely repeat). */
  // TODO: events and trigger runs do not carry their namespace; two namespaces with an event
  // source (or sensor) of the same name share the same subjects and log lines.
  private String namespaceOf(String kind, String name) {
    return applied.keySet().stream().map(key -> key.split("/", 3))
        .filter(key -> key[0].equals(kind) && key[2].equals(name)).map(key -> key[1])
        .findFirst().orElse("");
  }

  private void published(Event event, PublishReceipt receipt) {
    metrics.published(event);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventSourceType", event.context().type());
    fields.put("eventName", event.eventName());
    fields.put("eventId", event.id());
    logs.add(EventSource.KIND, namespaceOf(EventSource.KIND, event.eventSource()),
        event.eventSource(), "info", receipt.duplicate() ? "dropped a duplicate event"
            : "succeeded to publish an event", fields);
  }

  /** Records what sensors did, for the API and the sensors' log. */
  private final class Listener implements SensorListener {
    @Override
    public void eventFiltered(String sensor, String dependency, Event event, String reason) {
      activity.eventFiltered(sensor, dependency, event, reason);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("dependencyName", dependency);
      fields.put("eventId", event.id());
      logs.add(Sensor.KIND, namespaceOf(Sensor.KIND, sensor), sensor, "info",
          "event discarded by the filters: " + reason, fields);
    }

    @Override
    public void triggerRan(TriggerRun run) {
      activity.triggerRan(run);
      metrics.triggerRan(run);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("triggerName", run.trigger());
      fields.put("eventIds", run.eventIds());
      fields.put("attempts", run.attempts());
      String outcome = run.succeeded() ? "successfully processed the trigger: " + run.detail()
          : "failed to execute the trigger: " + run.detail();
      logs.add(Sensor.KIND, namespaceOf(Sensor.KIND, run.sensor()), run.sensor(),
          run.succeeded() ? "info" : "error", outcome, fields);
    }
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  @Override
  public void close() {
    poller.shutdownNow();
    synchronized (this) {
      runtime.close();
      bus.close();
    }
  }
}
