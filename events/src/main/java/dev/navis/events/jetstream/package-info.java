/**
 * NATS: the {@link dev.navis.events.jetstream.JetStreamEventBus} (one stream per bus, durable
 * pull consumers), the {@link dev.navis.events.jetstream.JetStreamSensorStateStore} (one
 * key-value bucket per bus), and {@link dev.navis.events.jetstream.NatsConnections}, the
 * connection options (url, auth and tls from secrets) that the {@code nats} event source and
 * trigger share with the bus. Depends on {@code dev.navis.events} and its {@code sensor}
 * package only.
 */
package dev.navis.events.jetstream;
