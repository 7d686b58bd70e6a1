package dev.navis.executor.host;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one container's output goes: stdout and stderr into {@code <name>.log} in the order
 * they arrive, stdout also into {@code <name>.stdout}. Each file is created with its first
 * byte: most steps print little or nothing, and creating a file can cost more than such a
 * step (on ext4 without a journal, an inode allocated soon after many deletes costs up to a
 * millisecond).
 */
final class ContainerOutput {

  private final Path log;
  private final Path stdout;
  private OutputStream logStream;
  private OutputStream stdoutStream;
  private boolean closed;

  ContainerOutput(NodeFolder folder, String container) {
    this.log = folder.log(container);
    this.stdout = folder.stdout(container);
  }

  synchronized void writeStdout(byte[] bytes, int length) throws IOException {
    writeLog(bytes, length);
    if (stdoutStream == null) {
      stdoutStream = Files.newOutputStream(stdout);
    }
    stdoutStream.write(bytes, 0, length);
  }

  synchronized void writeLog(byte[] bytes, int length) throws IOException {
    if (closed) {
      throw new IOException("the output of " + log + " was closed");
    }
    if (logStream == null) {
      logStream = new FileOutputStream(log.toFile(), true);
    }
    logStream.write(bytes, 0, length);
  }

  /** Closes the files; a later write fails, which ends the pump that made it. */
  synchronized void close() {
    closed = true;
    closeQuietly(logStream);
    closeQuietly(stdoutStream);
  }

  private static void closeQuietly(OutputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // Unbuffered streams: every byte was handed to the system already.
    }
  }
}
