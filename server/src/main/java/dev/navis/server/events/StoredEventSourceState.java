package dev.navis.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.source.EventSourceState;
import dev.navis.store.ResourceStore;
import java.util.Optional;

/**
 * What event sources keep across restarts, in the status of their stored EventSource (under
 * {@value #FIELD}), so a restarted server reads what the last one saved. One server runs each
 * event source, so a lock in this process is enough to keep two saves of one source from
 * overwriting each other.
 */
final class StoredEventSourceState implements EventSourceState {

  static final String FIELD = "navisState";

  private final ResourceStore store;

  StoredEventSourceState(ResourceStore store) {
    this.store = store;
  }

  @Override
  public Optional<String> load(String namespace, String eventSource, String key) {
    JsonNode value = state(namespace, eventSource).path(key);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  @Override
  public synchronized void save(String namespace, String eventSource, String key,
      String value) {
    ObjectNode status = store.status(EventSource.KIND, namespace, eventSource)
        .filter(JsonNode::isObject).map(node -> (ObjectNode) node.deepCopy())
        .orElseGet(JsonNodeFactory.instance::objectNode);
    ObjectNode state = status.has(FIELD) && status.get(FIELD).isObject()
        ? (ObjectNode) status.get(FIELD) : status.putObject(FIELD);
    state.put(key, value);
    try {
      if (!store.saveStatus(EventSource.KIND, namespace, eventSource, status)) {
        throw new EventSourceStateException("event source " + namespace + "/" + eventSource
            + " is no longer stored", null);
      }
    } catch (RuntimeException e) {
      if (e instanceof EventSourceStateException) {
        throw e;
      }
      throw new EventSourceStateException("cannot save the state of event source "
          + namespace + "/" + eventSource + ": " + e.getMessage(), e);
    }
  }

  private JsonNode state(String namespace, String eventSource) {
    return store.status(EventSource.KIND, namespace, eventSource)
        .map(status -> status.path(FIELD)).orElse(JsonNodeFactory.instance.objectNode());
  }
}
