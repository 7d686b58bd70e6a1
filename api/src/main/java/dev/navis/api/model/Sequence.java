package dev.navis.api.model;

/** {@code withSequence}: a range of numbers, by count or start/end, with a printf format. */
public record Sequence(String count, String start, String end, String format) {}
