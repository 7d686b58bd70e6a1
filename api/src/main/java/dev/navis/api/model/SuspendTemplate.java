package dev.navis.api.model;

/** Waits for a duration, or until resumed when no duration is given. */
public record SuspendTemplate(String duration) {}
