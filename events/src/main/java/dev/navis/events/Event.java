package dev.navis.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import java.time.Instant;
import java.util.UUID;

/**
 * An event on the bus: its CloudEvents context and its data, in the shape the source type
 * publishes (webhook: {@code {header, body}}; calendar: {@code {eventTime, metadata}}...).
 */
public record Event(EventContext context, JsonNode data) {

  /** A new event with a fresh id, stamped now, carrying JSON data. */
  public static Event of(String sourceType, String eventSource, String eventName, Instant time,
      JsonNode data) {
    EventContext context = new EventContext(UUID.randomUUID().toString(), eventSource,
        EventContext.SPEC_VERSION, sourceType, eventName, time, EventContext.JSON);
    return new Event(context, data);
  }

  public String id() {
    return context.id();
  }

  /** The event source's name (the CloudEvents {@code source}). */
  public String eventSource() {
    return context.source();
  }

  /** The event's name within its source (the CloudEvents {@code subject}). */
  public String eventName() {
    return context.subject();
  }

  /** The context as a JSON object, as {@code contextKey} and templates see it. */
  public ObjectNode contextTree() {
    return Codec.json().valueToTree(context);
  }

  /** Context and data together, the way Argo Events logs and forwards an event. */
  public ObjectNode toTree() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.set("context", contextTree());
    tree.set("data", data);
    return tree;
  }
}
