package dev.navis.api.model.events;

/** An expression an event must satisfy before the event source publishes it. */
public record EventSourceFilter(String expression) {}
