package dev.navis.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link WorkflowStore} from a store URL:
 *
 * <ul>
 *   <li>null or blank: the H2 file database {@code $NAVIS_HOME/navis} ({@code ~/.navis/navis}
 *       when {@code NAVIS_HOME} is unset);
 *   <li>{@code h2:<path>}, a plain path, or {@code jdbc:h2:...}: an H2 file database; a path
 *       that is an existing folder, or ends with {@code /}, means {@code <folder>/navis};
 *   <li>{@code postgresql://user:pass@host:port/db} or {@code jdbc:postgresql://...}: PostgreSQL.
 * </ul>
 *
 * <p>H2 databases open in mixed mode ({@code AUTO_SERVER=TRUE}): the first process embeds the
 * database and serves it to the others, so a watching {@code submit} and a {@code list} can run
 * at once. Every open applies pending migrations.
 */
public final class Stores {

  private static final Logger log = LoggerFactory.getLogger(Stores.class);

  /** Base name of the H2 files ({@code navis.mv.db}) in a Navis home folder. */
  static final String H2_NAME = "navis";

  /** The version of the newest migration; raise it with each new {@code V<n>__*.sql}. */
  static final String SCHEMA_VERSION = "3";

  /** How long to keep trying while another process hands the H2 file over. */
  // TODO: a command that starts the background controller leaves the file to it (the CLI's
  // BackgroundController), but two overlapping commands with no controller running still hand
  // the file over when the first exits, a wait of ~2 s (H2's lock file granularity).
  private static final Duration OPEN_PATIENCE = Duration.ofSeconds(60);

  static {
    // The embedded store's mixed mode serves the file to this machine's other navis processes
    // over TCP; nothing else should reach it, so it listens on loopback only. H2 reads the
    // setting once, when its classes load, hence before any store is opened.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
  }

  /** Where a store URL points: the database, its JDBC URL and credentials. */
  record Location(Dialect dialect, String jdbcUrl, String user, String password) {}

  private Stores() {}

  public static WorkflowStore open(String url) {
    return open(url, Clock.systemUTC());
  }

  /** Opens a store whose claims expire by {@code clock}. */
  public static WorkflowStore open(String url, Clock clock) {
    Location location = locate(url);
    HikariDataSource dataSource = pool(location);
    try {
      if (!isSchemaCurrent(dataSource)) {
        migrateOrWaitForAnother(dataSource, location);
      }
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot prepare the store at " + location.jdbcUrl(), e);
    }
    log.atDebug().addKeyValue("url", location.jdbcUrl()).log("store opened");
    return new JdbcWorkflowStore(dataSource, location.dialect(), clock);
  }

  /**
   * Whether the newest migration has been applied. Asking costs a query, where starting Flyway
   * costs a few hundred milliseconds, which every CLI command would pay.
   */
  private static boolean isSchemaCurrent(DataSource dataSource) {
    String sql = "select count(*) from \"flyway_schema_history\""
        + " where \"version\" = ? and \"success\" = true";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, SCHEMA_VERSION);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && rows.getInt(1) == 1;
      }
    } catch (SQLException e) {
      return false; // no history table yet: a new database
    }
  }

  /**
   * Migrates the schema; when several processes open a new store at once, one migration wins
   * and the others wait until the schema it made is current.
   */
  private static void migrateOrWaitForAnother(DataSource dataSource, Location location) {
    try {
      migrate(dataSource, location.dialect());
      log.atInfo().addKeyValue("url", location.jdbcUrl())
          .addKeyValue("schemaVersion", SCHEMA_VERSION).log("store schema migrated");
    } catch (RuntimeException e) {
      long giveUpAt = System.nanoTime() + OPEN_PATIENCE.toNanos();
      while (System.nanoTime() < giveUpAt) {
        pause(200);
        if (isSchemaCurrent(dataSource)) {
          return;
        }
      }
      throw e;
    }
  }

  private static void migrate(DataSource dataSource, Dialect dialect) {
    Flyway.configure()
        .dataSource(dataSource)
        .loggers("slf4j")
        .locations("classpath:" + dialect.migrations)
        .load()
        .migrate();
  }

  /** The H2 database of a Navis home: {@code $NAVIS_HOME/navis}, else {@code ~/.navis/navis}. */
  public static Path defaultH2Path() {
    String home = System.getenv("NAVIS_HOME");
    Path folder = home == null || home.isBlank()
        ? Path.of(System.getProperty("user.home"), ".navis")
        : Path.of(home);
    return folder.resolve(H2_NAME);
  }

  static Location locate(String url) {
    if (url == null || url.isBlank()) {
      return h2("", defaultH2Path());
    }
    if (url.startsWith("jdbc:h2:")) {
      return new Location(Dialect.H2, url, null, null);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new Location(Dialect.POSTGRESQL, url, null, null);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      return postgresql(url);
    }
    if (UNKNOWN_SCHEME.matcher(url).lookingAt() && !url.startsWith("h2:")) {
      throw new IllegalArgumentException("store URL \"" + url + "\": expected h2:PATH, a path,"
          + " postgresql://user:password@host:port/database or a jdbc:h2:/jdbc:postgresql: URL");
    }
    String path = url.startsWith("h2:") ? url.substring("h2:".length()) : url;
    return h2(path, expandHome(path));
  }

  /** A URL scheme such as {@code bogus://} or {@code mysql:}: never a plain file path. */
  private static final java.util.regex.Pattern UNKNOWN_SCHEME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

  private static Location h2(String url, Path path) {
    boolean folder = Files.isDirectory(path) || url.endsWith("/");
    Path database = folder ? path.resolve(H2_NAME) : path;
    String file = database.toAbsolutePath().normalize().toString();
    if (file.endsWith(".mv.db")) {
      file = file.substring(0, file.length() - ".mv.db".length());
    }
    // WRITE_DELAY=0 writes each commit to the file before it returns, so a killed process
    // loses nothing it acknowledged (measured: ~0.25 ms a commit, against ~0.09 ms without).
    // TODO: an operating-system crash can still lose the last commits; H2 does not fsync them.
    // A lock wait of 10 s rather than 1 s: a busy second process answers over TCP.
    // MAX_COMPACT_TIME=0: no compaction on close, which cost every CLI command ~200 ms; H2
    // still compacts in the background while the store is open.
    // AUTO_RECONNECT: when the process serving the file exits, the others reconnect (one of
    // them becomes the server) instead of failing.
    String settings = ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE"
        + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=0";
    return new Location(Dialect.H2, "jdbc:h2:file:" + file + settings, null, null);
  }

  private static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return Path.of(path);
  }

  private static Location postgresql(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid store URL \"" + url + "\": " + e.getMessage()
          + "; expected postgresql://user:password@host:port/database", e);
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
    return new Location(Dialect.POSTGRESQL, jdbcUrl, user, password);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static HikariDataSource pool(Location location) {
    long giveUpAt = System.nanoTime() + OPEN_PATIENCE.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return new HikariDataSource(poolConfig(location));
      } catch (RuntimeException e) {
        if (!(location.dialect() == Dialect.H2 && handingOver(e))
            || System.nanoTime() > giveUpAt) {
          throw new StoreException("cannot connect to the store at " + location.jdbcUrl()
              + ": " + e.getMessage(), e);
        }
        // Jittered, so processes that failed together do not all come back together.
        pause(Math.min(50L * attempt, 500) + java.util.concurrent.ThreadLocalRandom.current()
            .nextLong(100));
      }
    }
  }

  /**
   * H2's mixed mode hands the file from one process to the next through a lock file; while a
   * process is closing or starting its server, the next one is told to come back shortly.
   */
  private static boolean handingOver(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("Lock file recently modified")
          || message.contains("Database may be already in use")
          || message.contains("Concurrent update")
          || message.contains("Connection is broken")
          || message.contains("Connection refused")) {
        return true;
      }
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while opening the store", e);
    }
  }

  private static HikariConfig poolConfig(Location location) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("navis-store");
    config.setJdbcUrl(location.jdbcUrl());
    config.setUsername(location.user());
    config.setPassword(location.password());
    config.setMaximumPoolSize(location.dialect() == Dialect.H2 ? 4 : 10);
    config.setMinimumIdle(1);
    return config;
  }
}
