package dev.navis.executor.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The folder of one node, {@code <base>/<workflowUid>/<nodeId>/}, and what it holds: the
 * script, a private {@code tmp/}, the default working folder {@code work/}, and per container
 * {@code <name>.log} (stdout and stderr as a person reads them), {@code <name>.stdout} (stdout
 * alone, for {@code outputs.result}; absent when there was none) and {@code <name>.exitcode};
 * plus {@code status.json}, which says which processes run the node so that a restarted server
 * can find them.
 */
final class NodeFolder {

  static final int RESULT_LIMIT = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code status.json} holds. */
  record Status(String workflowUid, String nodeId, boolean sandboxed,
      List<ProcessEntry> processes) {}

  /** One started container: its process id and the process's start, against pid reuse. */
  record ProcessEntry(String container, long pid, long pidStartMillis, String startedAt) {}

  private final Path root;

  NodeFolder(Path base, String workflowUid, String nodeId) {
    this.root = base.resolve(safeName(workflowUid)).resolve(safeName(nodeId));
  }

  Path root() {
    return root;
  }

  Path tmp() {
    return root.resolve("tmp");
  }

  Path work() {
    return root.resolve("work");
  }

  Path script() {
    return root.resolve("script");
  }

  Path log(String container) {
    return root.resolve(safeName(container) + ".log");
  }

  Path stdout(String container) {
    return root.resolve(safeName(container) + ".stdout");
  }

  Path exitCodeFile(String container) {
    return root.resolve(safeName(container) + ".exitcode");
  }

  /**
   * Creates the folder for a fresh start of the node, removing what an earlier run of the same
   * node id left, so that neither recovery nor a reader mistakes it for this run's.
   */
  void create(List<String> containers) {
    try {
      if (createFresh()) {
        Files.createDirectory(tmp());
        Files.createDirectory(work());
        return;
      }
      Files.createDirectories(tmp());
      Files.createDirectories(work());
      Files.deleteIfExists(root.resolve("status.json"));
      for (String container : containers) {
        Files.deleteIfExists(exitCodeFile(container));
        Files.deleteIfExists(log(container));
        Files.deleteIfExists(stdout(container));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create node folder " + root, e);
    }
  }

  // Most nodes start once: one mkdir then says there is nothing of an earlier run to remove,
  // which spares the walk up the parents and a failed lookup per leftover file.
  private boolean createFresh() throws IOException {
    try {
      Files.createDirectory(root);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (NoSuchFileException e) {
      Files.createDirectories(root.getParent());
      return createFresh();
    }
  }

  void writeStatus(Status status) {
    try {
      Path next = root.resolve("status.json.next");
      Files.write(next, JSON.writeValueAsBytes(status));
      Files.move(next, root.resolve("status.json"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write status of node " + root, e);
    }
  }

  Optional<Status> readStatus() {
    try {
      return Optional.of(JSON.readValue(root.resolve("status.json").toFile(), Status.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void writeExitCode(String container, int exitCode) {
    try {
      Files.writeString(exitCodeFile(container), Integer.toString(exitCode));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write exit code of node " + root, e);
    }
  }

  /** The recorded exit code of a container and when it was written, if it ended. */
  Optional<RecordedExit> readExitCode(String container) {
    Path file = exitCodeFile(container);
    try {
      String text = Files.readString(file).strip();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Instant at = Files.getLastModifiedTime(file).toInstant();
      return Optional.of(new RecordedExit(Integer.parseInt(text), at));
    } catch (IOException | NumberFormatException e) {
      // Not written yet, or cut short by a crash: either way the container has no known end.
      return Optional.empty();
    }
  }

  record RecordedExit(int exitCode, Instant at) {}

  /**
   * Standard output less one trailing newline, its last 256 KiB; empty when the container
   * printed nothing (no file), null when the file cannot be read.
   */
  String readResult(String container) {
    Path file = stdout(container);
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - RESULT_LIMIT);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      return null;
    }
  }

  private static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.equals(".") || safe.equals("..") ? "_" + safe : safe;
  }
}
