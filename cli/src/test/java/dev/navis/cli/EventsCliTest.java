package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code navis eventsource} and {@code navis sensor}, in this process and with --server. */
class EventsCliTest {

  private static final String SENSOR = """
      apiVersion: argoproj.io/v1alpha1
      kind: Sensor
      metadata: {name: %s, labels: {team: %s}}
      spec:
        dependencies:
          - {name: payload, eventSourceName: webhook, eventName: example}
        triggers:
          - template: {name: note, conditions: "%s", log: {}}
      """;

  @TempDir Path home;

  String out;
  String err;

  @BeforeEach
  void useFreshHome() {
    System.setProperty("NAVIS_HOME", home.toString());
  }

  @AfterEach
  void forgetHome() {
    System.clearProperty("NAVIS_HOME");
  }

  String[] globalOptions() {
    return new String[0];
  }

  int navis(String... args) {
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    String[] line = Stream.concat(Stream.of(globalOptions()), Stream.of(args))
        .toArray(String[]::new);
    int code = Main.run(new PrintWriter(output, true), new PrintWriter(errors, true), line);
    out = output.toString();
    err = errors.toString();
    return code;
  }

  private Path sensor(String name, String team, String conditions) throws Exception {
    Path file = home.resolve(name + "-" + team + ".yaml");
    Files.writeString(file, SENSOR.formatted(name, team, conditions));
    return file;
  }

  @Test
  void sensorsAreCreatedAppliedListedGotAndDeleted() throws Exception {
    assertThat(navis("sensor", "create", sensor("notes", "web", "payload").toString(),
        "-o", "name")).as(() -> err).isZero();
    assertThat(out.strip()).isEqualTo("notes");
    assertThat(navis("sensor", "create", sensor("notes", "web", "payload").toString()))
        .isEqualTo(1);
    assertThat(err).contains("notes");

    assertThat(navis("sensor", "apply", sensor("notes", "data", "payload").toString()))
        .isZero();
    assertThat(out.strip()).isEqualTo("Sensor 'notes' configured");
    assertThat(navis("sensor", "apply", sensor("other", "web", "payload").toString()))
        .isZero();
    assertThat(out.strip()).isEqualTo("Sensor 'other' created");

    assertThat(navis("sensor", "list", "-l", "team=data", "-o", "name")).isZero();
    assertThat(out.strip()).isEqualTo("notes");
    assertThat(navis("sensor", "get", "notes", "-o", "yaml")).isZero();
    assertThat(out).contains("team: data").contains("namespace: default");

    assertThat(navis("sensor", "delete", "notes")).isZero();
    assertThat(out.strip()).isEqualTo("Sensor 'notes' deleted");
    assertThat(navis("sensor", "get", "notes")).isEqualTo(1);
    assertThat(err).contains("Sensor \"notes\" not found in namespace \"default\"");
  }

  @Test
  void aSensorWaitingForAnEventSourceNotStoredIsStoredWithAWarning() throws Exception {
    Path sensor = sensor("early", "web", "payload");

    assertThat(navis("sensor", "create", sensor.toString())).as(() -> err).isZero();
    assertThat(err).contains(sensor + ":6:7: ")
        .contains("spec.dependencies[0]: warning: no event source 'webhook' is stored in "
            + "namespace 'default'; the sensor waits until one is created");

    Path source = home.resolve("webhook.yaml");
    Files.writeString(source, """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: webhook}
        spec:
          webhook:
            other: {port: "12999", endpoint: /other, method: POST}
        """);
    assertThat(navis("eventsource", "create", source.toString())).as(() -> err).isZero();
    assertThat(navis("sensor", "apply", sensor.toString())).isZero();
    assertThat(err).contains("warning: event source 'webhook' has no event named 'example'");
  }

  @Test
  void anInvalidFileIsRefusedAtItsLineAndFieldAndNothingIsStored() throws Exception {
    Path bad = sensor("bad", "web", "payload && nope");

    assertThat(navis("sensor", "create", bad.toString())).isEqualTo(1);

    assertThat(err).contains(bad + ":8:30: ")
        .contains("spec.triggers[0].template.conditions: ")
        .contains("1 problem found; nothing was stored");
    assertThat(navis("sensor", "list", "-o", "name")).isZero();
    assertThat(out).isEmpty();
    assertThat(navis("eventsource", "create", bad.toString())).isEqualTo(1);
    assertThat(err).contains("expected a EventSource, found Sensor");
  }
}
