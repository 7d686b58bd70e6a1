package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Calls an HTTP endpoint with a JSON payload; {@code serverURL} is the old name of url. */
public record HttpTrigger(
    String url,
    String serverURL,
    String method,
    List<TriggerParameter> payload,
    List<TriggerParameter> parameters,
    Map<String, String> headers,
    List<JsonNode> secureHeaders,
    BasicAuth basicAuth,
    Long timeout,
    JsonNode tls) {}
