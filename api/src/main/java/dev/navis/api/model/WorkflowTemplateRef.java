package dev.navis.api.model;

/** A workflow whose spec is a stored WorkflowTemplate or ClusterWorkflowTemplate. */
public record WorkflowTemplateRef(String name, Boolean clusterScope) {}
