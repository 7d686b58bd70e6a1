package dev.navis.api.model.events;

/**
 * How a NATS client proves who it is, each part from a secret: user name and password, a
 * token, an NKey seed, or a credentials file (JWT and seed); Argo Events uses the first given.
 */
public record NatsAuth(
    BasicAuth basic,
    SecretKeySelector token,
    SecretKeySelector nkey,
    SecretKeySelector credential) {}
