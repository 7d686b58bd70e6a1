package dev.navis.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The event journal contract on an H2 file database in a temporary folder. */
class H2EventJournalTest extends EventJournalContract {

  private Path folder;

  @Override
  protected String openDatabase() throws IOException {
    folder = Files.createTempDirectory("navis-events-h2");
    return "h2:" + folder;
  }

  @Override
  protected void dropDatabase() throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
