package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Kubernetes container as Argo uses it in container templates, init containers, sidecars and
 * container sets. {@code dependencies} only applies inside a containerSet.
 */
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    List<EnvVar> env,
    String workingDir,
    List<String> dependencies,
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
    Boolean stdinOnce,
    Boolean tty,
    String terminationMessagePath,
    String terminationMessagePolicy,
    Boolean mirrorVolumeMounts,
    JsonNode resizePolicy,
    String restartPolicy) {}
