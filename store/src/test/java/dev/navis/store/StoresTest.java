package dev.navis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

  private static final String H2_SETTINGS =
      ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=0";

  @TempDir
  Path folder;

  @Test
  void noUrlMeansTheH2FileOfTheNavisHome() {
    Stores.Location location = Stores.locate(null);

    assertThat(location.dialect()).isEqualTo(Dialect.H2);
    assertThat(location.jdbcUrl())
        .isEqualTo("jdbc:h2:file:" + Stores.defaultH2Path().toAbsolutePath() + H2_SETTINGS);
    assertThat(Stores.defaultH2Path().getFileName()).hasToString("navis");
  }

  @Test
  void aFolderMeansTheNavisFileInIt() {
    assertThat(Stores.locate(folder.toString()).jdbcUrl())
        .isEqualTo("jdbc:h2:file:" + folder.resolve("navis") + H2_SETTINGS);
    assertThat(Stores.locate("h2:" + folder).jdbcUrl())
        .isEqualTo("jdbc:h2:file:" + folder.resolve("navis") + H2_SETTINGS);
    assertThat(Stores.locate(folder + "/new/").jdbcUrl())
        .isEqualTo("jdbc:h2:file:" + folder.resolve("new/navis") + H2_SETTINGS);
  }

  @Test
  void aFilePathNamesTheDatabase() {
    assertThat(Stores.locate("h2:" + folder.resolve("mine.mv.db")).jdbcUrl())
        .isEqualTo("jdbc:h2:file:" + folder.resolve("mine") + H2_SETTINGS);
    assertThat(Stores.locate("jdbc:h2:mem:x").jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
  }

  @Test
  void aPostgresqlUrlCarriesItsCredentials() {
    Stores.Location location =
        Stores.locate("postgresql://navis:p%40ss@db.example:6543/runs?sslmode=disable");

    assertThat(location.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(location.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:6543/runs?sslmode=disable");
    assertThat(location.user()).isEqualTo("navis");
    assertThat(location.password()).isEqualTo("p@ss");
    assertThat(Stores.locate("jdbc:postgresql://h/db").dialect()).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void theSchemaVersionIsTheNewestMigrationOfEachDatabase() throws IOException {
    for (Dialect dialect : Dialect.values()) {
      Path migrations = Path.of("src/main/resources").resolve(dialect.migrations);
      try (Stream<Path> files = Files.list(migrations)) {
        int newest = files.map(file -> file.getFileName().toString())
            .map(name -> name.substring(1, name.indexOf("__")))
            .mapToInt(Integer::parseInt)
            .max()
            .orElseThrow();
        assertThat(Stores.SCHEMA_VERSION).as(dialect.name()).isEqualTo(String.valueOf(newest));
      }
    }
  }

  @Test
  void reopeningAStoreKeepsWhatItHeld() {
    String url = "h2:" + folder.resolve("not/yet/there") + "/";
    try (WorkflowStore store = Stores.open(url)) {
      store.create(TestData.workflow("argo", "kept", Map.of(), Instant.now()));
    }

    try (WorkflowStore store = Stores.open(url)) {
      assertThat(store.get("argo", "kept")).isPresent();
    }
    assertThat(folder.resolve("not/yet/there/navis.mv.db")).isRegularFile();
  }

  @Test
  void aMalformedPostgresqlUrlIsAnIllegalArgument() {
    assertThatThrownBy(() -> Stores.locate("postgresql://a b@host/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid store URL \"postgresql://a b@host/db\"");
  }

  @Test
  void anUnreachableDatabaseIsAStoreException() {
    assertThatThrownBy(() -> Stores.open("postgresql://navis@127.0.0.1:1/runs"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to the store at jdbc:postgresql://127.0.0.1:1/runs");
  }
}
