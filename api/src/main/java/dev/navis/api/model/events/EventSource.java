package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.ObjectMeta;

/** An Argo Events {@code EventSource}: where events come from, by type and event name. */
public record EventSource(
    String apiVersion, String kind, ObjectMeta metadata, EventSourceSpec spec, JsonNode status) {

  public static final String KIND = "EventSource";
}
