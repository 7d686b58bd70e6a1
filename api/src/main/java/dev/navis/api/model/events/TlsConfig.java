package dev.navis.api.model.events;

/** TLS towards a broker: PEM certificates and key from secrets, as Argo Events spells them. */
public record TlsConfig(
    SecretKeySelector caCertSecret,
    SecretKeySelector clientCertSecret,
    SecretKeySelector clientKeySecret,
    Boolean insecureSkipVerify) {}
