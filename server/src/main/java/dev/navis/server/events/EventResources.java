package dev.navis.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.runtime.EventsLint;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.ResourceStore;
import dev.navis.store.StoredResource;
import java.util.List;
import java.util.Optional;

/**
 * EventSources and Sensors in the store, the same for the HTTP API and the CLI in-process. A
 * running server applies what is stored here (it looks every few seconds, and at once after
 * its own API changed something), so a resource stored by either path runs the same way.
 */
public final class EventResources {

  /** The two kinds kept here. */
  public static final List<String> KINDS = List.of(EventSource.KIND, Sensor.KIND);

  private final ResourceStore store;

  public EventResources(ResourceStore store) {
    this.store = store;
  }

  /** The errors of a parsed EventSource or Sensor (warnings aside), at their fields. */
  public static List<Problem> errors(ParsedResource resource) {
    return EventsLint.problems(resource).stream()
        .filter(problem -> !problem.message().startsWith("warning: ")).toList();
  }

  /**
   * Stores a new resource in {@code namespace}; its status is not kept.
   *
   * @throws dev.navis.store.NameConflictException when the name is taken
   */
  public JsonNode create(String kind, String namespace, JsonNode resource) {
    return store.create(kind, namespace, placed(resource, namespace)).body();
  }

  /**
   * Replaces a stored resource.
   *
   * @throws ResourceNotFoundException when there is none of that name
   * @throws dev.navis.store.StaleResourceException when its resourceVersion is not the stored one
   */
  public JsonNode update(String kind, String namespace, JsonNode resource) {
    return store.update(kind, namespace, placed(resource, namespace)).body();
  }

  /** What {@link #apply} did. */
  public record Applied(JsonNode resource, boolean created) {}

  /** Creates the resource, or replaces the one stored under its name. */
  public Applied apply(String kind, String namespace, JsonNode resource) {
    String name = resource.path("metadata").path("name").asText();
    if (store.get(kind, namespace, name).isEmpty()) {
      return new Applied(create(kind, namespace, resource), true);
    }
    ObjectNode unversioned = placed(resource, namespace);
    unversioned.withObjectProperty("metadata").remove("resourceVersion");
    return new Applied(store.update(kind, namespace, unversioned).body(), false);
  }

  public Optional<JsonNode> get(String kind, String namespace, String name) {
    return store.get(kind, namespace, name).map(StoredResource::body);
  }

  /**
   * @param namespace null for every namespace
   * @throws IllegalArgumentException for a malformed label selector
   */
  public List<JsonNode> list(String kind, String namespace, String labelSelector) {
    return store.list(kind, namespace, labelSelector).stream().map(StoredResource::body)
        .toList();
  }

  public boolean delete(String kind, String namespace, String name) {
    return store.delete(kind, namespace, name);
  }

  /** Every stored resource of {@code kind}, in every namespace, with its version. */
  List<StoredResource> stored(String kind) {
    return store.list(kind, null, null);
  }

  private static ObjectNode placed(JsonNode resource, String namespace) {
    ObjectNode copy = resource.deepCopy();
    copy.remove("status");
    copy.withObjectProperty("metadata").put("namespace", namespace);
    return copy;
  }
}
