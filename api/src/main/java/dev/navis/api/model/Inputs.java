package dev.navis.api.model;

import java.util.List;

/** What a template takes. */
public record Inputs(List<Parameter> parameters, List<Artifact> artifacts) {}
