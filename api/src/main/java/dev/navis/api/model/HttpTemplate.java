package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An HTTP request made by the controller instead of a process. */
public record HttpTemplate(
    String method,
    String url,
    List<HttpHeader> headers,
    Long timeoutSeconds,
    String body,
    JsonNode bodyFrom,
    String successCondition,
    Boolean insecureSkipVerify) {

  /** One request header; {@code valueFrom} reads a secret on Kubernetes. */
  public record HttpHeader(String name, String value, JsonNode valueFrom) {}
}
