package dev.navis.executor.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Our stand-in for Argo's {@code argoproj/argosay} test image: a POSIX sh script shipped in the
 * jar and written to {@code <tools>/argosay}, once and only when its content changed.
 */
final class ArgosayTool {

  private ArgosayTool() {}

  /** Writes the tool into {@code tools} unless it is there already; returns its path. */
  static Path install(Path tools) {
    Path target = tools.resolve("argosay");
    try {
      byte[] script = bundledScript();
      if (Files.isExecutable(target) && Arrays.equals(Files.readAllBytes(target), script)) {
        return target;
      }
      Files.createDirectories(tools);
      // Written aside then renamed, so a node never runs a half-written tool.
      Path next = Files.createTempFile(tools, "argosay", ".next");
      Files.write(next, script);
      Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(next, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the argosay tool in " + tools, e);
    }
  }

  private static byte[] bundledScript() throws IOException {
    try (InputStream in = ArgosayTool.class.getResourceAsStream("argosay")) {
      if (in == null) {
        throw new IllegalStateException("argosay is missing from the executor's jar");
      }
      return in.readAllBytes();
    }
  }
}
