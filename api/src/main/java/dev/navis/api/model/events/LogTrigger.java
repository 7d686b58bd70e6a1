package dev.navis.api.model.events;

/** Logs the events; {@code intervalSeconds} rate-limits the log lines. */
public record LogTrigger(Long intervalSeconds) {}
