package dev.navis.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the ConfigMaps that resources name (a trigger's {@code source.configmap}) come from on
 * one machine, in place of Kubernetes ConfigMaps: the key {@code key} of ConfigMap
 * {@code name} in {@code namespace} is the file {@code <folder>/<namespace>/<name>/<key>}. The
 * server's folder is {@code $NAVIS_HOME/configmaps}, so
 * {@code $NAVIS_HOME/configmaps/argo-events/workflow-cm/wf} holds what
 * {@code configmap: {name: workflow-cm, key: wf}} reads for a sensor in {@code argo-events}.
 */
@FunctionalInterface
public interface ConfigMaps {

  /** Kubernetes object names: lower case, digits, '-' and '.'. */
  Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  /** ConfigMap keys: letters, digits, '-', '_' and '.', but not "." or "..". */
  Pattern KEY = Pattern.compile("(?!\\.{1,2}$)[-._a-zA-Z0-9]{1,253}");

  /** The value of {@code key} in ConfigMap {@code name}; empty when there is none. */
  Optional<String> lookup(String namespace, String name, String key);

  /** No ConfigMaps at all. */
  static ConfigMaps none() {
    return (namespace, name, key) -> Optional.empty();
  }

  /**
   * The file {@code <folder>/<namespace>/<name>/<key>}; names and keys that Kubernetes would
   * refuse (a '/' or "..", say) find nothing, so no lookup leaves the folder.
   */
  static ConfigMaps fromFolder(Path folder) {
    return (namespace, name, key) -> {
      if (namespace == null || name == null || key == null
          || !NAME.matcher(namespace).matches() || !NAME.matcher(name).matches()
          || !KEY.matcher(key).matches()) {
        return Optional.empty();
      }
      Path file = folder.resolve(namespace).resolve(name).resolve(key);
      try {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file))
            : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read ConfigMap file " + file, e);
      }
    };
  }
}
