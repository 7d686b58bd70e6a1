/**
 * Runs sensors in-process: subscriptions, acknowledgement policy, retries, rate limits and
 * dead-letter triggers, and what a sensor reports to its {@code SensorListener}.
 */
package dev.navis.events.runtime;
