package dev.navis.events;

import dev.navis.api.model.events.SecretKeySelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the secrets that resources name ({@code authSecret}, {@code basicAuth}...) come from on
 * one machine, in place of Kubernetes Secrets.
 */
@FunctionalInterface
public interface Secrets {

  /** The value of {@code selector}'s key, without a trailing newline; empty when unknown. */
  Optional<String> lookup(SecretKeySelector selector);

  /** No secrets at all. */
  static Secrets none() {
    return selector -> Optional.empty();
  }

  /**
   * The variable {@code NAVIS_SECRET_<NAME>_<KEY>} (upper case, other characters as
   * {@code _}) wins; else the file {@code <folder>/<name>/<key>}.
   */
  static Secrets fromEnvironmentAndFolder(Map<String, String> environment, Path folder) {
    return selector -> {
      if (selector == null || selector.name() == null || selector.key() == null) {
        return Optional.empty();
      }
      String variable = ("NAVIS_SECRET_" + selector.name() + "_" + selector.key())
          .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
      if (environment.containsKey(variable)) {
        return Optional.of(environment.get(variable));
      }
      Path file = folder.resolve(selector.name()).resolve(selector.key());
      try {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).stripTrailing())
            : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read secret file " + file, e);
      }
    };
  }
}
