package dev.navis.api.model.events;

/** One key of a named secret (a Kubernetes Secret in Argo; a file or variable in Navis). */
public record SecretKeySelector(String name, String key, Boolean optional) {}
