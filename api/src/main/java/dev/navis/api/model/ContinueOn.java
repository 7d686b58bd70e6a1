package dev.navis.api.model;

/** Lets the parent go on when a step or task ends in Error or Failed. */
public record ContinueOn(Boolean error, Boolean failed) {}
