package dev.navis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.ParsedResource;
import dev.navis.api.Resources;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.Controller;
import dev.navis.controller.Submission;
import dev.navis.controller.cron.CronWorkflows;
import dev.navis.controller.templates.SubmitFrom;
import dev.navis.controller.templates.WorkflowTemplates;
import dev.navis.engine.lint.LintReport;
import dev.navis.engine.lint.Linter;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The backup job of {@code examples/backup}, run for real: its ClusterWorkflowTemplates are
 * stored, workflows referencing them run through the controller and the host executor against
 * this machine's PostgreSQL and ClickHouse servers, and every backup is restored into a fresh
 * database and compared with the original.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupExampleTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "backup");
  private static final Duration OLD = Duration.ofDays(10);
  private static final Duration RECENT = Duration.ofDays(2);

  private Path home;
  private WorkflowStore store;
  private Controller controller;
  private LocalClickHouse clickHouse;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void storeTemplatesAndStartServers() throws Exception {
    home = Files.createTempDirectory("navis-backup-example");
    store = Stores.open("h2:" + home.resolve("navis"));
    controller = new Controller(store, listener -> new HostExecutor(home.resolve("runs"),
        listener, ImageTable.defaults()), Clock.systemUTC());
    WorkflowTemplates templates = new WorkflowTemplates(store.resources());
    for (String file : List.of("postgres-backup.yaml", "clickhouse-backup.yaml")) {
      templates.create(read(file).as(WorkflowTemplate.class), "default");
    }
    LocalPostgres.ensureRunning();
    clickHouse = LocalClickHouse.ensureRunning(home.resolve("clickhouse-server.out"));
  }

  @AfterAll
  void close() throws IOException, InterruptedException {
    controller.close();
    store.close();
    if (clickHouse != null) {
      clickHouse.close();
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void databaseImagesRunTheHostClients() {
    ImageTable images = ImageTable.defaults();

    assertThat(images.argv("postgres:16", List.of("bash"), List.of("script")))
        .containsExactly("bash", "script");
    assertThat(images.argv("postgres", List.of(), List.of("pg_dump", "--version")))
        .containsExactly("pg_dump", "--version");
    assertThat(images.argv("clickhouse/clickhouse-server:23.8", List.of(), List.of()))
        .containsExactly("clickhouse-client", "--version");
    assertThat(images.argv("yandex/clickhouse-client:19.17", List.of(), List.of()))
        .containsExactly("clickhouse-client", "--version");
  }

  @Test
  void postgresDumpRestoresIntoAFreshDatabase() throws Exception {
    String source = "navis_backup_" + run;
    String fresh = source + "_restored";
    Path target = home.resolve("postgres-restore");
    try {
      LocalPostgres.createDatabase(source);
      LocalPostgres.sql(source, PostgresRows.SCHEMA_AND_ROWS);

      Workflow finished = runTemplate("postgres-backup", postgresArguments(source, target, 7));

      assertThat(finished.status().phase()).as(explain(finished)).isEqualTo("Succeeded");
      Path dump = single(dumpsOf(target, source));
      LocalPostgres.createDatabase(fresh);
      LocalPostgres.restore(dump, fresh);
      for (String query : PostgresRows.COMPARED) {
        String original = LocalPostgres.sql(source, query);
        assertThat(LocalPostgres.sql(fresh, query)).as(query).isNotBlank().isEqualTo(original);
      }
    } finally {
      LocalPostgres.dropDatabase(source);
      LocalPostgres.dropDatabase(fresh);
    }
  }

  @Test
  void postgresPruningRemovesOldDumpsOnly() throws Exception {
    String source = "navis_prune_" + run;
    Path target = Files.createDirectories(home.resolve("postgres-prune"));
    Path old = aged(target.resolve(source + "-20200101-030000.dump"), OLD);
    Path recent = aged(target.resolve(source + "-20261130-030000.dump"), RECENT);
    Path otherDatabase = aged(target.resolve("other-20200101-030000.dump"), OLD);
    try {
      LocalPostgres.createDatabase(source);

      Workflow finished = runTemplate("postgres-backup", postgresArguments(source, target, 7));

      assertThat(finished.status().phase()).as(explain(finished)).isEqualTo("Succeeded");
      assertThat(old).doesNotExist();
      assertThat(recent).exists();
      assertThat(otherDatabase).exists();
      assertThat(dumpsOf(target, source)).hasSize(2).contains(recent);
    } finally {
      LocalPostgres.dropDatabase(source);
    }
  }

  @Test
  void clickHouseBackupRestoresIntoAFreshDatabase() throws Exception {
    String source = "navis_backup_" + run;
    String fresh = source + "_restored";
    Path target = home.resolve("clickhouse-restore");
    try {
      ClickHouseRows.create(source);

      Workflow finished = runTemplate("clickhouse-backup",
          clickHouseArguments(source, target, 7));

      assertThat(finished.status().phase()).as(explain(finished)).isEqualTo("Succeeded");
      Path folder = single(backupsOf(target.resolve(LocalClickHouse.HOST + "-" + source)));
      assertThat(fileNames(folder)).containsExactlyElementsOf(ClickHouseRows.backupFiles());
      HostCommand.run(List.of("bash", EXAMPLE.resolve("clickhouse-restore.sh").toString(),
          folder.toString(), fresh, "--host", LocalClickHouse.HOST));
      ClickHouseRows.assertSameTables(source, fresh);
    } finally {
      LocalClickHouse.dropDatabase(source);
      LocalClickHouse.dropDatabase(fresh);
    }
  }

  @Test
  void clickHousePruningRemovesOldBackupsOnly() throws Exception {
    String source = "navis_prune_" + run;
    Path target = home.resolve("clickhouse-prune");
    Path shard = Files.createDirectories(target.resolve(LocalClickHouse.HOST + "-" + source));
    Path old = aged(Files.createDirectories(shard.resolve("20200101-030000")), OLD);
    Path recent = aged(Files.createDirectories(shard.resolve("20261130-030000")), RECENT);
    try {
      LocalClickHouse.createDatabase(source);

      Workflow finished = runTemplate("clickhouse-backup",
          clickHouseArguments(source, target, 7));

      assertThat(finished.status().phase()).as(explain(finished)).isEqualTo("Succeeded");
      assertThat(old).doesNotExist();
      assertThat(backupsOf(shard)).hasSize(2).contains(recent);
    } finally {
      LocalClickHouse.dropDatabase(source);
    }
  }

  @Test
  void everyExampleFileLintsCleanly() {
    LintReport report = Linter.lintPaths(List.of(EXAMPLE));

    assertThat(report.problems()).isEmpty();
    assertThat(report.resources()).isEqualTo(3);
  }

  @Test
  void nightlyCronFansOutOverOnePostgresAndTwelveShards() {
    CronWorkflow cron = read("nightly-backups.yaml").as(CronWorkflow.class);

    assertThat(cron.spec().allSchedules()).containsExactly("0 3 * * *");
    assertThat(cron.spec().timezone()).isEqualTo("Europe/Paris");
    assertThat(cron.spec().concurrencyPolicy()).isEqualTo("Forbid");
    JsonNode workflowSpec = Codec.json().valueToTree(cron.spec().workflowSpec());
    // One shard's failure must not keep the shards after it from being backed up.
    assertThat(nightly(workflowSpec).get("failFast").asBoolean(true)).isFalse();
    JsonNode items = withItems(workflowSpec);
    assertThat(items.findValuesAsText("kind").stream()
        .collect(Collectors.groupingBy(kind -> kind, Collectors.counting())))
        .isEqualTo(Map.of("postgres", 1L, "clickhouse", 12L));
    assertThat(items.findValuesAsText("host")).doesNotHaveDuplicates().hasSize(13);
  }

  @Test
  void nightlyCronSubmittedByHandBacksUpLocalServers() throws Exception {
    String postgres = "navis_nightly_" + run;
    List<String> shards = List.of("navis_shard1_" + run, "navis_shard2_" + run);
    Path target = home.resolve("nightly");
    try {
      LocalPostgres.createDatabase(postgres);
      LocalPostgres.sql(postgres, PostgresRows.SCHEMA_AND_ROWS);
      shards.forEach(ClickHouseRows::create);

      Workflow finished = runNightly(postgres, shards, target);

      assertThat(finished.status().phase()).as(explain(finished)).isEqualTo("Succeeded");
      assertThat(dumpsOf(target.resolve("postgres"), postgres)).hasSize(1);
      for (String shard : shards) {
        Path folder = target.resolve("clickhouse").resolve(LocalClickHouse.HOST + "-" + shard);
        assertThat(single(backupsOf(folder)).resolve("events.native")).isNotEmptyFile();
      }
    } finally {
      LocalPostgres.dropDatabase(postgres);
      shards.forEach(LocalClickHouse::dropDatabase);
    }
  }

  // The CronWorkflow is stored and submitted as `navis submit --from cronwf/nightly-backups`
  // does, then its target list is swapped for this machine's servers.
  private Workflow runNightly(String postgres, List<String> shards, Path target)
      throws Exception {
    CronWorkflow cron = read("nightly-backups.yaml").as(CronWorkflow.class);
    new CronWorkflows(store.resources()).create(cron, "default");
    Workflow manual = SubmitFrom.workflow("cronwf/nightly-backups", "default",
        store.resources(), Instant.now());

    ObjectNode tree = Codec.json().valueToTree(manual);
    ArrayNode items = (ArrayNode) withItems(tree.get("spec"));
    items.removeAll();
    items.add(target("postgres", LocalPostgres.HOST, LocalPostgres.PORT, LocalPostgres.USER,
        postgres));
    shards.forEach(shard -> items.add(target("clickhouse", LocalClickHouse.HOST,
        LocalClickHouse.PORT, "default", shard)));
    // As `-p target-dir=... -p pg-passfile=` would: the local server trusts its users.
    setParameter(tree, "target-dir", target.toString());
    setParameter(tree, "pg-passfile", "");
    return run(Codec.json().convertValue(tree, Workflow.class));
  }

  private static void setParameter(ObjectNode workflow, String name, String value) {
    for (JsonNode parameter : workflow.at("/spec/arguments/parameters")) {
      if (parameter.get("name").asText().equals(name)) {
        ((ObjectNode) parameter).put("value", value);
        return;
      }
    }
    throw new AssertionError("nightly-backups.yaml has no parameter " + name);
  }

  private static ObjectNode target(String kind, String host, String port, String user,
      String database) {
    ObjectNode item = Codec.json().createObjectNode();
    return item.put("kind", kind).put("host", host).put("port", Integer.parseInt(port))
        .put("user", user).put("database", database);
  }

  private static JsonNode withItems(JsonNode workflowSpec) {
    return nightly(workflowSpec).at("/steps/0/0/withItems");
  }

  private static JsonNode nightly(JsonNode workflowSpec) {
    for (JsonNode template : workflowSpec.get("templates")) {
      if (template.get("name").asText().equals("nightly")) {
        return template;
      }
    }
    throw new AssertionError("no template \"nightly\" in nightly-backups.yaml");
  }

  private static Map<String, String> postgresArguments(String database, Path target,
      int keepDays) {
    return Map.of("host", LocalPostgres.HOST, "port", LocalPostgres.PORT,
        "user", LocalPostgres.USER, "database", database, "target-dir", target.toString(),
        "keep-days", String.valueOf(keepDays));
  }

  private static Map<String, String> clickHouseArguments(String database, Path target,
      int keepDays) {
    return Map.of("host", LocalClickHouse.HOST, "port", LocalClickHouse.PORT,
        "database", database, "target-dir", target.toString(),
        "keep-days", String.valueOf(keepDays));
  }

  /** Runs a workflow whose one step calls {@code backup} of the stored cluster template. */
  private Workflow runTemplate(String clusterTemplate, Map<String, String> parameters)
      throws Exception {
    ObjectNode tree = Codec.json().createObjectNode();
    tree.put("apiVersion", Workflow.API_VERSION).put("kind", Workflow.KIND);
    tree.putObject("metadata").put("generateName", clusterTemplate + "-test-");
    ObjectNode spec = tree.putObject("spec").put("entrypoint", "main");
    ObjectNode step = spec.putArray("templates").addObject().put("name", "main")
        .putArray("steps").addArray().addObject().put("name", "backup");
    step.putObject("templateRef").put("name", clusterTemplate).put("template", "backup")
        .put("clusterScope", true);
    ArrayNode arguments = step.putObject("arguments").putArray("parameters");
    parameters.forEach((name, value) -> arguments.addObject().put("name", name)
        .put("value", value));
    return run(Codec.json().convertValue(tree, Workflow.class));
  }

  private Workflow run(Workflow workflow) throws Exception {
    Workflow prepared = Submission.plain().prepare(workflow, "default", Instant.now());
    return controller.run(controller.accept(prepared).uid()).get(90, TimeUnit.SECONDS);
  }

  private static ParsedResource read(String file) {
    List<ParsedResource> resources = Resources.read(EXAMPLE.resolve(file)).resources();
    assertThat(resources).as(file).hasSize(1);
    return resources.getFirst();
  }

  private static List<Path> dumpsOf(Path target, String database) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> file.getFileName().toString()
          .matches(database + "-\\d{8}-\\d{6}\\.dump")).sorted().toList();
    }
  }

  private static List<Path> backupsOf(Path shard) throws IOException {
    try (Stream<Path> folders = Files.list(shard)) {
      return folders.filter(folder -> folder.getFileName().toString()
          .matches("\\d{8}-\\d{6}")).sorted().toList();
    }
  }

  private static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  /** The only path of {@code paths} that was written just now, not aged by the test. */
  private static Path single(List<Path> paths) {
    Instant recently = Instant.now().minus(Duration.ofHours(1));
    List<Path> fresh = paths.stream()
        .filter(path -> modified(path).isAfter(recently)).toList();
    assertThat(fresh).as("fresh backups among " + paths).hasSize(1);
    return fresh.getFirst();
  }

  private static Instant modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toInstant();
    } catch (IOException unreadable) {
      throw new AssertionError(path + " cannot be read", unreadable);
    }
  }

  private static Path aged(Path path, Duration age) throws IOException {
    if (!Files.exists(path)) {
      Files.writeString(path, "an earlier backup");
    }
    Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(age)));
    return path;
  }

  private static String explain(Workflow workflow) {
    Map<String, NodeStatus> nodes = workflow.status().nodes();
    String failing = nodes == null ? "" : nodes.values().stream()
        .filter(node -> !"Succeeded".equals(node.phase()))
        .map(node -> node.name() + " " + node.phase() + ": " + node.message())
        .collect(Collectors.joining("\n  "));
    return workflow.metadata().name() + " ended " + workflow.status().phase() + " ("
        + workflow.status().message() + ")\n  " + failing;
  }
}
