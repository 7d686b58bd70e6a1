package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install steps of {@code examples/backup/README.md}, as written there: lint, store the two
 * ClusterWorkflowTemplates, store the CronWorkflow. Running the backups themselves against
 * real servers is {@code BackupExampleTest}'s job (controller module).
 */
class BackupExampleCliTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "backup");

  @TempDir Path home;

  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void useFreshHome() {
    System.setProperty("NAVIS_HOME", home.toString());
    System.setProperty("NAVIS_BACKGROUND", "off");
  }

  @AfterEach
  void forgetHome() {
    System.clearProperty("NAVIS_HOME");
    System.clearProperty("NAVIS_BACKGROUND");
  }

  @Test
  void exampleFolderLintsCleanly() {
    assertThat(navis("lint", EXAMPLE.toString())).as(err.toString()).isZero();

    assertThat(out.toString()).contains("no linting errors");
  }

  @Test
  void readmeInstallStepsStoreTheTemplatesAndTheCron() throws Exception {
    assertThat(navis("cluster-template", "create", file("postgres-backup.yaml"),
        file("clickhouse-backup.yaml"))).as(err.toString()).isZero();
    assertThat(navis("cron", "create", file("nightly-backups.yaml"))).as(err.toString())
        .isZero();

    assertThat(navis("cluster-template", "list", "-o", "name")).isZero();
    assertThat(out.toString().lines()).contains("postgres-backup", "clickhouse-backup");
    assertThat(navis("cron", "get", "nightly-backups", "-o", "json")).isZero();
    JsonNode cron = Codec.json().readTree(out.toString());
    assertThat(cron.at("/spec/timezone").asText()).isEqualTo("Europe/Paris");
    assertThat(cron.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    assertThat(cron.at("/spec/schedules/0").asText()).isEqualTo("0 3 * * *");
  }

  private int navis(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static String file(String name) {
    return EXAMPLE.resolve(name).toString();
  }
}
