package dev.navis.executor.host;

import dev.navis.engine.spi.ArtifactRepository;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * The default artifact repository: a folder ({@code $NAVIS_HOME/artifacts}) where each key is
 * a relative path. An archived artifact is one {@code .tgz} file; an unarchived one is the
 * file or folder itself.
 */
public final class LocalArtifactRepository implements ArtifactRepository {

  private final Path root;

  public LocalArtifactRepository(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public void store(Path source, String key, boolean archived) throws IOException {
    Path target = locate(key);
    if (!Files.exists(source)) {
      throw new IOException(source + " does not exist");
    }
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    delete(partial);
    if (archived) {
      TarGz.pack(source, partial);
    } else {
      copy(source, partial);
    }
    // The old content goes only once the new one is complete, so readers never see half.
    delete(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void fetch(String key, Path target) throws IOException {
    Path stored = locate(key);
    if (!Files.exists(stored)) {
      throw new IOException("artifact key '" + key + "' not found in " + root);
    }
    delete(target);
    Files.createDirectories(target.toAbsolutePath().getParent());
    if (TarGz.isGzip(stored)) {
      TarGz.unpack(stored, target);
    } else {
      copy(stored, target);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      return Files.exists(locate(key));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Path locate(String key) throws IOException {
    if (key == null || key.isBlank() || key.startsWith("/")) {
      throw new IOException("artifact key '" + key + "' must be a relative path");
    }
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IOException("artifact key '" + key + "' points outside " + root);
    }
    return path;
  }

  /** Copies a file, or a folder with everything in it. */
  static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.toList();
    }
    for (Path path : paths) {
      Path destination = target.resolve(source.relativize(path).toString());
      if (Files.isDirectory(path)) {
        Files.createDirectories(destination);
      } else if (Files.isRegularFile(path)) {
        Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Deletes a file or a folder tree, if there. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(path);
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
