/**
 * Event-driven workflows: Argo Events' {@code EventSource} and {@code Sensor} run in-process.
 *
 * <p>How an event flows: an event source ({@link dev.navis.events.source}) turns a request or a
 * tick into an {@link dev.navis.events.Event} (a CloudEvents 1.0 context and the source type's
 * data shape) and publishes it on the {@link dev.navis.events.EventBus} under
 * {@code <bus>.<eventSource>.<eventName>}; the webhook answers only once the bus has stored it.
 * Each sensor dependency reads through a durable consumer; a
 * {@link dev.navis.events.runtime.SensorRunner} applies the dependency's transform
 * ({@link dev.navis.events.sensor.DependencyTransform}: jq or Lua) and filters
 * ({@link dev.navis.events.sensor.DependencyFilters}), records the event in its
 * {@link dev.navis.events.sensor.SensorState}, and runs every trigger whose {@code conditions}
 * are met, with parameters taken from the latest event of each dependency
 * ({@link dev.navis.events.sensor.TriggerParameters}), its retry strategy, rate limit and
 * dead-letter trigger. Triggers are small classes behind
 * {@link dev.navis.events.trigger.TriggerAction}.
 *
 * <p>Supported today: webhook, calendar, file, nats, kafka, amqp, mqtt, redis, redisStream and
 * sns sources; the embedded (in the store), in-memory and JetStream buses; jq and Lua
 * transforms; data, exprs, context, time and script filters; conditions and conditionsReset;
 * log, http, nats, kafka, awsLambda and argoWorkflow triggers, and k8s triggers that create an
 * Argo Workflow. Accepted but not run yet (the checks warn): the other source and trigger kinds.
 *
 * <p>Packages depend one way: {@code sensor} (pure logic) and {@code trigger} on this package's
 * types; {@code jetstream} (NATS) on those two; {@code runtime} and {@code source} on those,
 * and the {@code nats} trigger on {@code jetstream}'s connections. Nothing here depends on the
 * store, the controller or the server: the server wires a bus, {@link dev.navis.events.Secrets}
 * and a {@link dev.navis.events.trigger.WorkflowOperations} in.
 */
package dev.navis.events;
