package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.ObjectMeta;

/** An Argo Events {@code Sensor}: the events it waits for and what it triggers on them. */
public record Sensor(
    String apiVersion, String kind, ObjectMeta metadata, SensorSpec spec, JsonNode status) {

  public static final String KIND = "Sensor";

  /** The sensor's name, or "" when it has none yet. */
  public String name() {
    return metadata == null || metadata.name() == null ? "" : metadata.name();
  }
}
