package dev.navis.events;

import java.time.Instant;

/**
 * The CloudEvents 1.0 context of an event, as Argo Events fills it: {@code source} is the event
 * source's name, {@code subject} the event's name within it, {@code type} the kind of source
 * ({@code webhook}, {@code calendar}...).
 */
public record EventContext(
    String id,
    String source,
    String specversion,
    String type,
    String subject,
    Instant time,
    String datacontenttype) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  /** The same context under another id. */
  public EventContext withId(String newId) {
    return new EventContext(newId, source, specversion, type, subject, time, datacontenttype);
  }
}
