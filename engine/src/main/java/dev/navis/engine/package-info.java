/**
 * The workflow engine: {@link dev.navis.engine.Engine} reconciles a
 * {@link dev.navis.engine.WorkflowRun} against what happened and returns a
 * {@link dev.navis.engine.Reconciliation} for the controller to store and act on.
 *
 * <p>How a reconcile stays proportional to what changed:
 *
 * <ul>
 *   <li>Every node knows its <em>owner</em>, the node that assesses it (step group, DAG, retry
 *       node). A node that ends tells only its owner, which updates counters kept in its
 *       {@code Fanout} (started, ended, unsuccessful) and is queued for assessment; nothing
 *       walks the tree or scans siblings.
 *   <li>A DAG keeps, per task, the tasks depending on it; when a task ends, only those become
 *       candidates to start.
 *   <li>Loops are expanded once into a plan; a step group starts planned children as the
 *       parallelism allows.
 *   <li>Deadlines, backoffs and suspend durations are timers in a priority queue; the earliest
 *       is the reconciliation's {@code wakeAt}.
 *   <li>Steps and task variables ({@code steps.x.*}, {@code tasks.x.*}) live in their
 *       boundary's scope, filled as children end, and are layered rather than copied.
 * </ul>
 *
 * <p>All phase changes go through {@code Reconciler.markPhase}. After a restart these runtime
 * indexes are rebuilt once from the node rows ({@code RunIndexes}), owners from Argo's node
 * names.
 */
package dev.navis.engine;
