package dev.navis.events.trigger;

import dev.navis.api.model.events.Trigger.StatusPolicy;
import dev.navis.api.model.events.TriggerTemplate;
import dev.navis.events.Event;
import java.util.Map;

/**
 * What a trigger action gets: its template with the trigger-level parameters applied, the
 * latest event of each dependency that fired it, the event that completed the conditions, and
 * the trigger's {@code policy.status} (null when it has none).
 */
public record TriggerRequest(
    String namespace,
    String sensor,
    TriggerTemplate template,
    Map<String, Event> events,
    Event triggeringEvent,
    StatusPolicy statusPolicy) {

  public String triggerName() {
    return template.name();
  }
}
