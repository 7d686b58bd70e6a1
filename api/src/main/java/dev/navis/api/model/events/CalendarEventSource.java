package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Events on a cron schedule or at a fixed interval, minus the excluded dates. */
public record CalendarEventSource(
    String schedule,
    String interval,
    List<String> exclusionDates,
    String timezone,
    JsonNode userPayload,
    Map<String, String> metadata,
    JsonNode persistence,
    EventSourceFilter filter) {}
