package dev.navis.api.model.events;

/** A user name and password, each read from a secret (Argo Events' {@code BasicAuth}). */
public record BasicAuth(SecretKeySelector username, SecretKeySelector password) {}
