package dev.navis.executor.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds executables on a PATH, as a shell would, remembering what it found. */
final class CommandPath {

  private static final Map<String, Path> FOUND = new ConcurrentHashMap<>();

  private CommandPath() {}

  /** The executable {@code name} names: itself when it holds a slash, else its PATH entry. */
  static Optional<Path> find(String name, String pathVariable) {
    if (name.contains("/")) {
      Path path = Path.of(name);
      return Files.isExecutable(path) && !Files.isDirectory(path)
          ? Optional.of(path) : Optional.empty();
    }
    String key = pathVariable + File.pathSeparator + File.pathSeparator + name;
    Path cached = FOUND.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Path> found = search(name, pathVariable == null ? "" : pathVariable);
    found.ifPresent(path -> FOUND.put(key, path));
    return found;
  }

  private static Optional<Path> search(String name, String pathVariable) {
    for (String folder : pathVariable.split(File.pathSeparator)) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
