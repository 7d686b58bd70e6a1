package dev.navis.api.model;

import java.util.List;

/** Values passed to a template or a workflow. */
public record Arguments(List<Parameter> parameters, List<Artifact> artifacts) {}
