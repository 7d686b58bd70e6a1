package dev.navis.events.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.events.Event;
import dev.navis.events.EventContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * An event in the CloudEvents 1.0 structured JSON format: the context attributes at the top
 * level next to {@code data}, as Argo Events writes events onto its bus.
 */
final class CloudEventsJson {

  static final String CONTENT_TYPE = "application/cloudevents+json";

  private CloudEventsJson() {}

  static ObjectNode tree(Event event) {
    ObjectNode tree = event.contextTree();
    if (event.data() != null) {
      tree.set("data", event.data());
    }
    return tree;
  }

  static byte[] bytes(Event event) {
    try {
      return Codec.json().writeValueAsBytes(tree(event));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + event.id(), e);
    }
  }

  static Event event(JsonNode tree) {
    EventContext context = new EventContext(text(tree, "id"), text(tree, "source"),
        text(tree, "specversion"), text(tree, "type"), text(tree, "subject"),
        tree.hasNonNull("time") ? Instant.parse(tree.get("time").asText()) : null,
        text(tree, "datacontenttype"));
    return new Event(context, tree.get("data"));
  }

  /** The event in {@code bytes}; an {@link IllegalArgumentException} when it is not one. */
  static Event event(byte[] bytes) {
    JsonNode tree;
    try {
      tree = Codec.json().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not CloudEvents JSON: " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject() || !tree.hasNonNull("id")) {
      throw new IllegalArgumentException("not CloudEvents JSON: expected an object with an id");
    }
    return event(tree);
  }

  private static String text(JsonNode tree, String field) {
    return tree.hasNonNull(field) ? tree.get(field).asText() : null;
  }
}
