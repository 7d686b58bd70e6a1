package dev.navis.engine.cron;

import java.time.Instant;

/** A workflow a CronWorkflow started, once it stopped running. */
public record FinishedWorkflow(String name, String phase, Instant finishedAt) {}
