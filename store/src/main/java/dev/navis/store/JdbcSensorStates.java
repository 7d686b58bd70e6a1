package dev.navis.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link SensorStates} on the JDBC database of a {@link JdbcWorkflowStore}. */
final class JdbcSensorStates implements SensorStates {

  private final Jdbc jdbc;

  JdbcSensorStates(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, String> load(String namespace, String sensor) {
    String sql = "select trigger_name, seen_json from sensor_state"
        + " where namespace = ? and sensor = ? order by trigger_name";
    return jdbc.autocommit("load sensor state " + sensor, connection -> {
      Map<String, String> seen = new LinkedHashMap<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, namespace);
        select.setString(2, sensor);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            seen.put(rows.getString(1), rows.getString(2));
          }
        }
      }
      return seen;
    });
  }

  @Override
  public void save(String namespace, String sensor, String trigger, String seenJson) {
    jdbc.transaction("save sensor state " + sensor, connection -> {
      String update = "update sensor_state set seen_json = ?"
          + " where namespace = ? and sensor = ? and trigger_name = ?";
      try (PreparedStatement statement = connection.prepareStatement(update)) {
        statement.setString(1, seenJson);
        statement.setString(2, namespace);
        statement.setString(3, sensor);
        statement.setString(4, trigger);
        if (statement.executeUpdate() > 0) {
          return null;
        }
      }
      String insert = "insert into sensor_state (seen_json, namespace, sensor, trigger_name)"
          + " values (?, ?, ?, ?)";
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        statement.setString(1, seenJson);
        statement.setString(2, namespace);
        statement.setString(3, sensor);
        statement.setString(4, trigger);
        statement.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void delete(String namespace, String sensor) {
    jdbc.autocommit("delete sensor state " + sensor, connection -> {
      String sql = "delete from sensor_state where namespace = ? and sensor = ?";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, namespace);
        statement.setString(2, sensor);
        return statement.executeUpdate();
      }
    });
  }
}
