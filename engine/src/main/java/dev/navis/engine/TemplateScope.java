package dev.navis.engine;

import dev.navis.api.model.WorkflowSpec;

/**
 * Where template names resolve: the workflow's own spec, or a WorkflowTemplate reached through a
 * templateRef (whose templates call each other by name).
 *
 * @param spec the spec holding the templates
 * @param kind null for the workflow, else {@code WorkflowTemplate} or
 *     {@code ClusterWorkflowTemplate}
 * @param name the template resource's name, null for the workflow
 */
record TemplateScope(WorkflowSpec spec, String kind, String name) {}
