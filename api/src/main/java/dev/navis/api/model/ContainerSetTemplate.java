package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Several containers in one pod (on a host: one node folder), ordered by dependencies. */
public record ContainerSetTemplate(
    List<Container> containers, JsonNode volumeMounts, JsonNode retryStrategy) {}
