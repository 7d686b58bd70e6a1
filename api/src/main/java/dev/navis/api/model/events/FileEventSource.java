package dev.navis.api.model.events;

import java.util.Map;

/** Events for changes to files in a watched folder. */
public record FileEventSource(
    String eventType,
    WatchPathConfig watchPathConfig,
    Boolean polling,
    Map<String, String> metadata,
    EventSourceFilter filter) {

  /** The folder to watch and which names in it count, by exact name or regular expression. */
  public record WatchPathConfig(String directory, String path, String pathRegexp) {}
}
