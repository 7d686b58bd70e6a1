package dev.navis.executor.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

/**
 * A program shipped in the executor's jar and written to {@code <tools>/<name>}, once and only
 * when its content changed: the {@code argosay} script that stands for Argo's test image, and
 * the native node supervisor where the build had a C compiler.
 */
final class BundledTool {

  static final String ARGOSAY = "argosay";
  static final String SUPERVISOR = "navis-supervisor";

  private BundledTool() {}

  /** Installs a tool the jar always holds; returns its path. */
  static Path install(Path tools, String name) {
    return installIfBundled(tools, name).orElseThrow(() ->
        new IllegalStateException(name + " is missing from the executor's jar"));
  }

  /** Installs the tool when the jar holds it; returns its path, or empty when it does not. */
  static Optional<Path> installIfBundled(Path tools, String name) {
    Path target = tools.resolve(name);
    try {
      byte[] bundled = bundled(name);
      if (bundled == null) {
        return Optional.empty();
      }
      if (Files.isExecutable(target) && Arrays.equals(Files.readAllBytes(target), bundled)) {
        return Optional.of(target);
      }
      Files.createDirectories(tools);
      // Written aside then renamed, so a node never runs a half-written tool.
      Path next = Files.createTempFile(tools, name, ".next");
      Files.write(next, bundled);
      Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(next, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + name + " in " + tools, e);
    }
  }

  private static byte[] bundled(String name) throws IOException {
    try (InputStream in = BundledTool.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
