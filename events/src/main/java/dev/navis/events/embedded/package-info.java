/**
 * The embedded event bus: events and sensor state kept in the workflow store (H2 file or
 * PostgreSQL), so one process with no broker loses no accepted event.
 */
package dev.navis.events.embedded;
