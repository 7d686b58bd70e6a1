package dev.navis.store;

import static org.assertj.core.api.Assertions.assertThat;

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
 * What every {@link EventJournal} and {@link SensorStates} must do, run once per database.
 * Subclasses say where the database is; each test starts from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventJournalContract {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String SUBJECT = "default.webhook.example";

  private String url;
  private WorkflowStore store;
  private EventJournal journal;

  protected abstract String openDatabase() throws Exception;

  protected abstract void dropDatabase() throws Exception;

  @BeforeAll
  void openStore() throws Exception {
    url = openDatabase();
    store = Stores.open(url);
    journal = store.events();
  }

  @AfterAll
  void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
    dropDatabase();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    var dataSource = ((JdbcWorkflowStore) store).dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("delete from event_consumers");
      statement.executeUpdate("delete from event_journal");
      statement.executeUpdate("delete from sensor_state");
    }
  }

  private static List<String> ids(List<EventJournal.Entry> entries) {
    return entries.stream().map(EventJournal.Entry::eventId).toList();
  }

  @Test
  void appendStoresAnIdOncePerSubject() {
    assertThat(journal.append(SUBJECT, "e1", "{\"n\":1}", T0)).isTrue();
    assertThat(journal.append(SUBJECT, "e1", "{\"n\":2}", T0)).isFalse();
    assertThat(journal.append("default.webhook.other", "e1", "{\"n\":3}", T0)).isTrue();

    EventJournal.Entry found = journal.find("e1").orElseThrow();
    assertThat(found.subject()).isEqualTo("default.webhook.other");
    assertThat(found.publishedAt()).isEqualTo(T0);
    assertThat(journal.find("nope")).isEmpty();
  }

  @Test
  void aNewConsumerReadsWhatIsPublishedAfterItOnItsSubject() {
    journal.append(SUBJECT, "before", "{}", T0);
    journal.ensureConsumer("s/dep", SUBJECT);
    journal.append(SUBJECT, "after", "{}", T0);
    journal.append("default.webhook.other", "elsewhere", "{}", T0);

    assertThat(ids(journal.unacknowledged("s/dep", 0, 10))).containsExactly("after");
    assertThat(journal.unacknowledged("nobody", 0, 10)).isEmpty();
  }

  @Test
  void anAcknowledgedEventIsNotReadAgainAndAttemptsAreCounted() {
    journal.ensureConsumer("s/dep", SUBJECT);
    journal.append(SUBJECT, "a", "{}", T0);
    journal.append(SUBJECT, "b", "{}", T0);
    List<EventJournal.Entry> pending = journal.unacknowledged("s/dep", 0, 10);

    assertThat(journal.delivered("s/dep", pending.get(0).sequence())).isEqualTo(1);
    assertThat(journal.delivered("s/dep", pending.get(0).sequence())).isEqualTo(2);
    journal.acknowledge("s/dep", pending.get(1).sequence());

    assertThat(ids(journal.unacknowledged("s/dep", 0, 10))).containsExactly("a");
    assertThat(journal.unacknowledged("s/dep", pending.get(0).sequence(), 10)).isEmpty();
    journal.ensureConsumer("s/dep", SUBJECT);
    assertThat(ids(journal.unacknowledged("s/dep", 0, 10))).containsExactly("a");
  }

  @Test
  void consumersAreIndependentAndSurviveReopening() {
    journal.ensureConsumer("s/one", SUBJECT);
    journal.ensureConsumer("s/two", SUBJECT);
    journal.append(SUBJECT, "a", "{}", T0);
    journal.acknowledge("s/one", journal.unacknowledged("s/one", 0, 1).getFirst().sequence());

    try (WorkflowStore again = Stores.open(url)) {
      assertThat(again.events().unacknowledged("s/one", 0, 10)).isEmpty();
      assertThat(ids(again.events().unacknowledged("s/two", 0, 10))).containsExactly("a");
    }
  }

  @Test
  void aConsumerMovedToAnotherSubjectStartsAfresh() {
    journal.ensureConsumer("s/dep", SUBJECT);
    journal.append(SUBJECT, "a", "{}", T0);
    journal.append("default.webhook.other", "old", "{}", T0);

    journal.ensureConsumer("s/dep", "default.webhook.other");
    journal.append("default.webhook.other", "new", "{}", T0);

    assertThat(ids(journal.unacknowledged("s/dep", 0, 10))).containsExactly("new");
  }

  @Test
  void compactionKeepsWhatIsUnacknowledgedAndWhatIsRecent() {
    journal.ensureConsumer("s/dep", SUBJECT);
    journal.append(SUBJECT, "a", "{}", T0);
    journal.append(SUBJECT, "b", "{}", T0);
    journal.append(SUBJECT, "c", "{}", T0);
    journal.append(SUBJECT, "recent", "{}", T0.plusSeconds(60));
    List<EventJournal.Entry> pending = journal.unacknowledged("s/dep", 0, 10);
    journal.acknowledge("s/dep", pending.get(0).sequence());
    journal.acknowledge("s/dep", pending.get(2).sequence());

    journal.compact("s/dep", T0.plusSeconds(1));
    assertThat(ids(journal.unacknowledged("s/dep", 0, 10))).containsExactly("b", "recent");

    journal.acknowledge("s/dep", pending.get(1).sequence());
    journal.compact("s/dep", T0.plusSeconds(1));
    assertThat(ids(journal.unacknowledged("s/dep", 0, 10))).containsExactly("recent");
    assertThat(deliveryRows()).isZero();
  }

  private long deliveryRows() {
    var dataSource = ((JdbcWorkflowStore) store).dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery("select count(*) from event_deliveries")) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void sensorStatesAreKeptPerTriggerAndForgottenWithTheSensor() {
    SensorStates states = store.sensorStates();
    states.save("argo", "s", "t1", "{\"a\":1}");
    states.save("argo", "s", "t1", "{\"a\":2}");
    states.save("argo", "s", "t2", "{}");
    states.save("other", "s", "t1", "{\"x\":0}");

    assertThat(states.load("argo", "s")).isEqualTo(Map.of("t1", "{\"a\":2}", "t2", "{}"));
    states.delete("argo", "s");
    assertThat(states.load("argo", "s")).isEmpty();
    assertThat(states.load("other", "s")).containsOnlyKeys("t1");
  }
}
