package dev.navis.executor.host;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Tar+gzip archives as Argo makes them: one top-level entry named after the file or folder,
 * so unpacking gives back a file or a folder at whatever path the reader asks for.
 */
final class TarGz {

  private TarGz() {}

  /** Whether a file starts like a gzip stream. */
  static boolean isGzip(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) < 2) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** Packs the file or folder {@code source} into {@code archive}. */
  static void pack(Path source, Path archive) throws IOException {
    String top = source.getFileName() == null ? "root" : source.getFileName().toString();
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(
            new GZIPOutputStream(new BufferedOutputStream(file)))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(source)) {
        paths = walk.sorted().toList();
      }
      for (Path path : paths) {
        String name = source.relativize(path).toString();
        addEntry(tar, path, name.isEmpty() ? top : top + "/" + name);
      }
      tar.finish();
    }
  }

  private static void addEntry(TarArchiveOutputStream tar, Path path, String name)
      throws IOException {
    if (Files.isSymbolicLink(path) || !(Files.isRegularFile(path) || Files.isDirectory(path))) {
      // TODO: links and special files are left out; Argo keeps symbolic links.
      return;
    }
    TarArchiveEntry entry = new TarArchiveEntry(path.toFile(),
        Files.isDirectory(path) ? name + "/" : name);
    tar.putArchiveEntry(entry);
    if (Files.isRegularFile(path)) {
      Files.copy(path, tar);
    }
    tar.closeArchiveEntry();
  }

  /**
   * Unpacks {@code archive} so that its top-level entry becomes {@code target}: a file when
   * the archive holds one file, a folder otherwise. Entries that would land outside
   * {@code target} are refused.
   */
  static void unpack(Path archive, Path target) throws IOException {
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(
            new GZIPInputStream(new BufferedInputStream(file)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path destination = destinationOf(entry.getName(), target);
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else if (entry.isFile()) {
          Files.createDirectories(destination.getParent());
          Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static Path destinationOf(String name, Path target) throws IOException {
    String trimmed = name.startsWith("./") ? name.substring(2) : name;
    int slash = trimmed.indexOf('/');
    String below = slash < 0 ? "" : trimmed.substring(slash + 1);
    Path destination = below.isEmpty() ? target : target.resolve(below).normalize();
    if (!destination.startsWith(target)) {
      throw new IOException("archive entry '" + name + "' points outside " + target);
    }
    return destination;
  }
}
