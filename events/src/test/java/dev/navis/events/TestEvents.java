package dev.navis.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.navis.api.Codec;
import dev.navis.api.ParseResult;
import dev.navis.api.Resources;
import dev.navis.api.model.events.Sensor;
import java.time.Instant;

/** Builds sensors from YAML and events from JSON for tests. */
public final class TestEvents {

  private TestEvents() {}

  public static Sensor sensor(String yaml) {
    ParseResult result = Resources.parse("sensor.yaml", yaml);
    if (!result.problems().isEmpty()) {
      throw new IllegalArgumentException(result.problems().toString());
    }
    return result.resources().getFirst().as(Sensor.class);
  }

  public static Event event(String source, String name, String json) {
    return event(source, name, json, Instant.parse("2026-12-03T10:15:30Z"));
  }

  public static Event event(String source, String name, String json, Instant time) {
    try {
      return Event.of("webhook", source, name, time, Codec.json().readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
