package dev.navis.events.runtime;

import java.time.Instant;
import java.util.List;

/**
 * The record of one trigger run for the API and logs: which events fired it, how many attempts
 * it took, how it ended, and whether its dead-letter trigger took over (and how that went).
 */
public record TriggerRun(
    String sensor,
    String trigger,
    List<String> eventIds,
    int attempts,
    boolean succeeded,
    String detail,
    TriggerRun deadLetter,
    Instant finishedAt) {}
