/**
 * Trigger actions ({@code log}, {@code http}, {@code argoWorkflow}, {@code k8s} for Argo
 * Workflows) and the {@link dev.navis.events.trigger.WorkflowOperations} seam the server
 * implements.
 */
package dev.navis.events.trigger;
