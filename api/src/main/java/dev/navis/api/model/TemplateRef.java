package dev.navis.api.model;

/** A template of a stored WorkflowTemplate or ClusterWorkflowTemplate. */
public record TemplateRef(String name, String template, Boolean clusterScope) {}
