package dev.navis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link ResourceStore} must do, run once per database. Subclasses say where the
 * database is; each test starts from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResourceStoreContract {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String TEMPLATE = "WorkflowTemplate";
  private static final String CLUSTER = "ClusterWorkflowTemplate";
  private static final String CRON = "CronWorkflow";

  private final MutableClock clock = new MutableClock(T0);
  private WorkflowStore workflows;
  private ResourceStore store;

  protected abstract String openDatabase() throws Exception;

  protected abstract void dropDatabase() throws Exception;

  @BeforeAll
  void openStore() throws Exception {
    workflows = Stores.open(openDatabase(), clock);
    store = workflows.resources();
  }

  @AfterAll
  void closeStore() throws Exception {
    if (workflows != null) {
      workflows.close();
    }
    dropDatabase();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    var dataSource = ((JdbcWorkflowStore) workflows).dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("delete from resources");
    }
  }

  private static JsonNode body(String kind, String name, String labels, String message) {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: %s
        metadata: {name: %s, labels: {%s}}
        spec:
          entrypoint: main
          templates: [{name: main, container: {image: alpine, args: ["%s"]}}]
        status: {ignored: true}
        """.formatted(kind, name, labels, message);
    try {
      return Codec.yaml().readTree(yaml);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void createStampsMetadataAndGetReturnsIt() {
    StoredResource created = store.create(TEMPLATE, "argo", body(TEMPLATE, "hello",
        "team: data", "hi"));

    StoredResource found = store.get(TEMPLATE, "argo", "hello").orElseThrow();
    assertThat(found).isEqualTo(created);
    assertThat(found.resourceVersion()).isEqualTo(1);
    assertThat(found.generation()).isEqualTo(1);
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.labels()).isEqualTo(Map.of("team", "data"));
    assertThat(found.body().path("metadata").path("uid").asText()).isEqualTo(found.uid());
    assertThat(found.body().path("metadata").path("namespace").asText()).isEqualTo("argo");
    assertThat(found.body().has("status")).isFalse();
    assertThat(found.body().at("/spec/templates/0/container/args/0").asText()).isEqualTo("hi");
  }

  @Test
  void aNameIsTakenOncePerKindAndNamespace() {
    store.create(TEMPLATE, "argo", body(TEMPLATE, "hello", "", "a"));

    assertThatThrownBy(() -> store.create(TEMPLATE, "argo", body(TEMPLATE, "hello", "", "b")))
        .isInstanceOf(NameConflictException.class)
        .hasMessageContaining("WorkflowTemplate \"hello\"");
    store.create(TEMPLATE, "other", body(TEMPLATE, "hello", "", "c"));
    store.create(CRON, "argo", body(CRON, "hello", "", "d"));
    assertThat(store.get(TEMPLATE, "argo", "hello").orElseThrow()
        .body().at("/spec/templates/0/container/args/0").asText()).isEqualTo("a");
  }

  @Test
  void clusterScopedResourcesHaveNoNamespace() {
    store.create(CLUSTER, null, body(CLUSTER, "shared", "", "x"));

    StoredResource found = store.get(CLUSTER, null, "shared").orElseThrow();
    assertThat(found.namespace()).isEmpty();
    assertThat(found.body().path("metadata").has("namespace")).isFalse();
    assertThat(store.get(CLUSTER, "", "shared")).contains(found);
    assertThat(store.get(TEMPLATE, "argo", "shared")).isEmpty();
  }

  @Test
  void listSelectsByKindNamespaceAndLabels() {
    store.create(TEMPLATE, "argo", body(TEMPLATE, "b", "team: data", "1"));
    store.create(TEMPLATE, "argo", body(TEMPLATE, "a", "team: web", "2"));
    store.create(TEMPLATE, "other", body(TEMPLATE, "c", "team: data", "3"));
    store.create(CRON, "argo", body(CRON, "d", "team: data", "4"));

    assertThat(names(store.list(TEMPLATE, "argo", null))).containsExactly("a", "b");
    assertThat(names(store.list(TEMPLATE, null, null))).containsExactly("a", "b", "c");
    assertThat(names(store.list(TEMPLATE, null, "team=data"))).containsExactly("b", "c");
    assertThat(names(store.list(TEMPLATE, "argo", "team!=data"))).containsExactly("a");
    assertThatThrownBy(() -> store.list(TEMPLATE, null, "team in"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> names(List<StoredResource> resources) {
    return resources.stream().map(StoredResource::name).toList();
  }

  @Test
  void updateKeepsIdentityAndRaisesVersions() {
    StoredResource created = store.create(TEMPLATE, "argo", body(TEMPLATE, "t", "", "one"));

    StoredResource relabelled = store.update(TEMPLATE, "argo", body(TEMPLATE, "t", "x: y",
        "one"));
    StoredResource respecced = store.update(TEMPLATE, "argo", body(TEMPLATE, "t", "x: y",
        "two"));

    assertThat(relabelled.uid()).isEqualTo(created.uid());
    assertThat(relabelled.resourceVersion()).isEqualTo(2);
    assertThat(relabelled.generation()).isEqualTo(1);
    assertThat(respecced.resourceVersion()).isEqualTo(3);
    assertThat(respecced.generation()).isEqualTo(2);
    StoredResource found = store.get(TEMPLATE, "argo", "t").orElseThrow();
    assertThat(found).isEqualTo(respecced);
    assertThat(found.createdAt()).isEqualTo(created.createdAt());
    assertThat(found.labels()).isEqualTo(Map.of("x", "y"));
    assertThat(found.body().at("/metadata/resourceVersion").asText()).isEqualTo("3");
  }

  @Test
  void anUpdateBasedOnAnOldVersionIsRefused() {
    StoredResource created = store.create(TEMPLATE, "argo", body(TEMPLATE, "t", "", "one"));
    store.update(TEMPLATE, "argo", created.body());

    assertThatThrownBy(() -> store.update(TEMPLATE, "argo", created.body()))
        .isInstanceOf(StaleResourceException.class)
        .hasMessageContaining("resourceVersion 1 was given, 2 is stored");
    assertThat(store.get(TEMPLATE, "argo", "t").orElseThrow().resourceVersion()).isEqualTo(2);
  }

  @Test
  void updateOfAMissingResourceSaysSo() {
    assertThatThrownBy(() -> store.update(TEMPLATE, "argo", body(TEMPLATE, "none", "", "x")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("\"none\" not found in namespace \"argo\"");
  }

  @Test
  void deleteRemovesTheResourceAndItsStatus() {
    store.create(CRON, "argo", body(CRON, "nightly", "", "x"));
    store.saveStatus(CRON, "argo", "nightly", Codec.json().createObjectNode().put("a", 1));

    assertThat(store.delete(CRON, "argo", "nightly")).isTrue();

    assertThat(store.get(CRON, "argo", "nightly")).isEmpty();
    assertThat(store.status(CRON, "argo", "nightly")).isEmpty();
    assertThat(store.delete(CRON, "argo", "nightly")).isFalse();
    store.create(CRON, "argo", body(CRON, "nightly", "", "x"));
    assertThat(store.status(CRON, "argo", "nightly")).isEmpty();
  }

  @Test
  void statusIsKeptApartFromSpecUpdates() {
    store.create(CRON, "argo", body(CRON, "nightly", "", "x"));
    assertThat(store.status(CRON, "argo", "nightly")).isEmpty();

    assertThat(store.saveStatus(CRON, "argo", "nightly",
        Codec.json().createObjectNode().put("lastScheduledTime", "t1"))).isTrue();
    store.update(CRON, "argo", body(CRON, "nightly", "", "changed"));
    assertThat(store.saveStatus(CRON, "argo", "nightly",
        Codec.json().createObjectNode().put("lastScheduledTime", "t2"))).isTrue();

    assertThat(store.status(CRON, "argo", "nightly").orElseThrow()
        .path("lastScheduledTime").asText()).isEqualTo("t2");
    assertThat(store.get(CRON, "argo", "nightly").orElseThrow().resourceVersion()).isEqualTo(2);
  }

  @Test
  void statusOfAMissingResourceIsNotSaved() {
    assertThat(store.saveStatus(CRON, "argo", "gone",
        Codec.json().createObjectNode().put("a", 1))).isFalse();
    assertThat(store.status(CRON, "argo", "gone")).isEmpty();
  }
}
