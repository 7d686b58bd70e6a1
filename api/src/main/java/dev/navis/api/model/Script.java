package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A script template: a container whose {@code source} is written to a file and run. */
public record Script(
    String name,
    String image,
    List<String> command,
    List<String> args,
    List<EnvVar> env,
    String workingDir,
    String source,
    JsonNode envFrom,
    JsonNode resources,
    JsonNode volumeMounts,
    JsonNode volumeDevices,
    String imagePullPolicy,
    JsonNode securityContext,
    JsonNode ports,
    JsonNode lifecycle,
    JsonNode livenessProbe,
    JsonNode readinessProbe,
    JsonNode startupProbe,
    Boolean stdin,
    Boolean tty,
    String terminationMessagePath,
    String terminationMessagePolicy) {}
