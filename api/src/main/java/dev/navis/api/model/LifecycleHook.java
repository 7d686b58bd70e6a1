package dev.navis.api.model;

/** A template run when an expression becomes true, or on exit ({@code exit} key). */
public record LifecycleHook(
    String template, TemplateRef templateRef, Arguments arguments, String expression) {}
