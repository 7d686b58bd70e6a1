package dev.navis.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ResourceStore} on the JDBC database of a {@link JdbcWorkflowStore}. Few resources
 * exist (tens to hundreds), so label selectors are applied after reading, not in SQL.
 */
final class JdbcResourceStore implements ResourceStore {

  private static final String COLUMNS =
      "kind, namespace, name, uid, resource_version, generation, created_at, labels_json,"
          + " body_json";
  private static final TypeReference<LinkedHashMap<String, String>> LABELS =
      new TypeReference<>() {};

  private final Jdbc jdbc;
  private final Clock clock;

  JdbcResourceStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public StoredResource create(String kind, String namespace, JsonNode body) {
    String name = nameOf(body);
    StoredResource stored = new StoredResource(kind, scope(namespace), name,
        UUID.randomUUID().toString(), labelsOf(body), 1, 1,
        clock.instant().truncatedTo(ChronoUnit.SECONDS), null);
    StoredResource complete = withBody(stored, body);
    try {
      jdbc.transaction("create " + kind + " " + name, connection -> {
        insert(connection, complete);
        return null;
      });
    } catch (StoreException e) {
      if (Jdbc.isIntegrityViolation(e) && get(kind, namespace, name).isPresent()) {
        throw new NameConflictException(kind, scope(namespace), name);
      }
      throw e;
    }
    return complete;
  }

  private static void insert(Connection connection, StoredResource resource)
      throws SQLException {
    String sql = "insert into resources (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, resource.kind());
      insert.setString(2, resource.namespace());
      insert.setString(3, resource.name());
      insert.setString(4, resource.uid());
      insert.setLong(5, resource.resourceVersion());
      insert.setLong(6, resource.generation());
      Jdbc.setInstant(insert, 7, resource.createdAt());
      insert.setString(8, Codec.toJson(resource.labels()));
      insert.setString(9, resource.body().toString());
      insert.executeUpdate();
    }
  }

  @Override
  public Optional<StoredResource> get(String kind, String namespace, String name) {
    String sql = "select " + COLUMNS + " from resources"
        + " where kind = ? and namespace = ? and name = ?";
    return jdbc.autocommit("get " + kind + " " + name, connection ->
        select(connection, sql, kind, scope(namespace), name).stream().findFirst());
  }

  @Override
  public List<StoredResource> list(String kind, String namespace, String labelSelector) {
    LabelSelector selector = LabelSelector.parse(labelSelector);
    String sql = "select " + COLUMNS + " from resources where kind = ?"
        + (namespace == null ? "" : " and namespace = ?") + " order by namespace, name";
    List<StoredResource> all = jdbc.autocommit("list " + kind, connection -> namespace == null
        ? select(connection, sql, kind)
        : select(connection, sql, kind, scope(namespace)));
    return all.stream().filter(resource -> selector.matches(resource.labels())).toList();
  }

  @Override
  public StoredResource update(String kind, String namespace, JsonNode body) {
    String name = nameOf(body);
    String sql = "select " + COLUMNS + " from resources"
        + " where kind = ? and namespace = ? and name = ? for update";
    return jdbc.transaction("update " + kind + " " + name, connection -> {
      StoredResource old = select(connection, sql, kind, scope(namespace), name).stream()
          .findFirst()
          .orElseThrow(() -> new ResourceNotFoundException(kind, scope(namespace), name));
      checkVersion(old, body);
      boolean specChanged = !Objects.equals(old.body().get("spec"), body.get("spec"));
      StoredResource next = withBody(new StoredResource(kind, old.namespace(), name, old.uid(),
          labelsOf(body), old.resourceVersion() + 1,
          old.generation() + (specChanged ? 1 : 0), old.createdAt(), null), body);
      replace(connection, next);
      return next;
    });
  }

  private static void replace(Connection connection, StoredResource resource)
      throws SQLException {
    String sql = "update resources set resource_version = ?, generation = ?, labels_json = ?,"
        + " body_json = ? where kind = ? and namespace = ? and name = ?";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, resource.resourceVersion());
      update.setLong(2, resource.generation());
      update.setString(3, Codec.toJson(resource.labels()));
      update.setString(4, resource.body().toString());
      update.setString(5, resource.kind());
      update.setString(6, resource.namespace());
      update.setString(7, resource.name());
      update.executeUpdate();
    }
  }

  private static void checkVersion(StoredResource stored, JsonNode body) {
    JsonNode given = body.path("metadata").path("resourceVersion");
    boolean named = given.isTextual() || given.isNumber();
    if (named && !given.asText().equals(Long.toString(stored.resourceVersion()))) {
      throw new StaleResourceException(stored.kind(), stored.name(), given.asText(),
          stored.resourceVersion());
    }
  }

  @Override
  public boolean delete(String kind, String namespace, String name) {
    String sql = "delete from resources where kind = ? and namespace = ? and name = ?";
    return jdbc.transaction("delete " + kind + " " + name,
        connection -> execute(connection, sql, kind, scope(namespace), name) > 0);
  }

  @Override
  public Optional<JsonNode> status(String kind, String namespace, String name) {
    String sql = "select status_json from resource_status"
        + " where kind = ? and namespace = ? and name = ?";
    return jdbc.autocommit("read status of " + kind + " " + name, connection -> {
      try (PreparedStatement select = prepare(connection, sql, kind, scope(namespace), name);
          ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(parse(rows.getString(1))) : Optional.empty();
      }
    });
  }

  @Override
  public boolean saveStatus(String kind, String namespace, String name, JsonNode status) {
    String update = "update resource_status set status_json = ?"
        + " where kind = ? and namespace = ? and name = ?";
    String insert = "insert into resource_status (status_json, kind, namespace, name)"
        + " select ?, kind, namespace, name from resources"
        + " where kind = ? and namespace = ? and name = ?";
    String json = status.toString();
    return jdbc.transaction("save status of " + kind + " " + name, connection ->
        execute(connection, update, json, kind, scope(namespace), name) > 0
            || execute(connection, insert, json, kind, scope(namespace), name) > 0);
  }

  private static String scope(String namespace) {
    return namespace == null ? "" : namespace;
  }

  private static String nameOf(JsonNode body) {
    String name = body.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a stored resource needs metadata.name");
    }
    return name;
  }

  private static Map<String, String> labelsOf(JsonNode body) {
    JsonNode labels = body.path("metadata").path("labels");
    return labels.isObject() ? Codec.json().convertValue(labels, LABELS) : Map.of();
  }

  /** {@code resource} with {@code body}, whose metadata is stamped with what the store keeps. */
  private static StoredResource withBody(StoredResource resource, JsonNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove("status");
    ObjectNode metadata = copy.withObjectProperty("metadata");
    if (!resource.namespace().isEmpty()) {
      metadata.put("namespace", resource.namespace());
    }
    metadata.put("uid", resource.uid());
    metadata.put("resourceVersion", Long.toString(resource.resourceVersion()));
    metadata.put("generation", resource.generation());
    metadata.put("creationTimestamp", resource.createdAt().toString());
    return new StoredResource(resource.kind(), resource.namespace(), resource.name(),
        resource.uid(), resource.labels(), resource.resourceVersion(), resource.generation(),
        resource.createdAt(), parse(copy.toString())); // read back as a later get reads it
  }

  private static List<StoredResource> select(Connection connection, String sql,
      Object... parameters) throws SQLException {
    List<StoredResource> found = new ArrayList<>();
    try (PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        found.add(read(rows));
      }
    }
    return found;
  }

  private static StoredResource read(ResultSet rows) throws SQLException {
    Map<String, String> labels = Codec.json().convertValue(parse(rows.getString("labels_json")),
        LABELS);
    return new StoredResource(rows.getString("kind"), rows.getString("namespace"),
        rows.getString("name"), rows.getString("uid"), Map.copyOf(labels),
        rows.getLong("resource_version"), rows.getLong("generation"),
        Jdbc.getInstant(rows, "created_at"), parse(rows.getString("body_json")));
  }

  private static PreparedStatement prepare(Connection connection, String sql,
      Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static int execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Codec.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
