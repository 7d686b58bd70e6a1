package dev.navis.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** Where a parameter's value comes from when it is not given inline. */
public record ValueFrom(
    String path,
    @JsonProperty("default") String defaultValue,
    String parameter,
    String expression,
    JsonNode supplied,
    String jsonPath,
    String jqFilter,
    String event,
    JsonNode configMapKeyRef) {}
