package dev.navis.api.model.events;

/** A value taken from an event and written at {@code dest} (overwrite, append or prepend). */
public record TriggerParameter(Source src, String dest, String operation) {

  /**
   * Where the value comes from: the latest event of {@code dependencyName}, its context or data,
   * by key or template; {@code value} is the default when the key is missing.
   */
  public record Source(
      String dependencyName,
      String contextKey,
      String contextTemplate,
      String dataKey,
      String dataTemplate,
      String value,
      Boolean useRawData) {}
}
