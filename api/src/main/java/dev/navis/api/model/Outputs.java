package dev.navis.api.model;

import java.util.List;

/**
 * What a template declares it produces, and, on a node's status, what it produced:
 * {@code result} is the captured standard output and {@code exitCode} the main process's code.
 */
public record Outputs(
    List<Parameter> parameters, List<Artifact> artifacts, String result, String exitCode) {}
