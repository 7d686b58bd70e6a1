package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/** An environment variable; {@code valueFrom} (secrets, config maps, fields) is Kubernetes-only. */
public record EnvVar(String name, String value, JsonNode valueFrom) {}
