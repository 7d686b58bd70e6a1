package dev.navis.api.model;

import java.util.List;

/** A DAG: tasks and the dependencies between them. */
public record DagTemplate(String target, List<DagTask> tasks, Boolean failFast) {}
