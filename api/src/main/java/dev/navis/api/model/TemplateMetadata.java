package dev.navis.api.model;

import java.util.Map;

/** Labels and annotations a template puts on its pod. */
public record TemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {}
