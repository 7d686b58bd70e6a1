package dev.navis.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void acceptsWhatArgosSchedulerAccepts() {
    for (String schedule : new String[] {"* * * * *", "*/5 0-6,22 1 JAN-mar MON-FRI",
        "0 1 ? * SUN", "CRON_TZ=Europe/Paris 30 2 * * *", "@daily", "@every 1h30m",
        "15/10 * * * 6"}) {
      assertThat(CronSchedule.problemOf(schedule)).as(schedule).isNull();
    }
  }

  @Test
  void namesTheFieldThatIsWrong() {
    assertThat(CronSchedule.problemOf("61 * * * *"))
        .isEqualTo("minute: expected 0-59, found \"61\"");
    assertThat(CronSchedule.problemOf("0 0 0 * *"))
        .isEqualTo("day of month: expected 1-31, found \"0\"");
    assertThat(CronSchedule.problemOf("0 0 * FOO *"))
        .isEqualTo("month: expected 1-12 or a name, found \"FOO\"");
    assertThat(CronSchedule.problemOf("*/0 * * * *"))
        .isEqualTo("minute: expected a step such as */5, found \"*/0\"");
    assertThat(CronSchedule.problemOf("* * * *"))
        .isEqualTo("expected 5 fields (minute hour day-of-month month day-of-week), found 4");
    assertThat(CronSchedule.problemOf("@sometimes")).isEqualTo(
        "unknown descriptor \"@sometimes\"");
  }
}
