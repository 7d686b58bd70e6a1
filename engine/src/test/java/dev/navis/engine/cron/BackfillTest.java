package dev.navis.engine.cron;

import static dev.navis.engine.cron.CronSpecs.schedules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillTest {

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  private static List<String> times(CronSpecs specs, String start, String end, int cap) {
    return Backfill.scheduledTimes(specs.spec(), at(start), at(end), cap).stream()
        .map(ZonedDateTime::toOffsetDateTime)
        .map(OffsetDateTime::toString)
        .toList();
  }

  @Test
  void dailyTimesInAHalfOpenRange() {
    List<String> daily = times(schedules("0 6 * * *"), "2026-03-01T06:00Z",
        "2026-03-04T06:00Z", 10);

    assertThat(daily).containsExactly(
        "2026-03-01T06:00Z", "2026-03-02T06:00Z", "2026-03-03T06:00Z");
  }

  @Test
  void sharedTimesOfSeveralSchedulesCountOnce() {
    List<String> merged = times(schedules("0 */6 * * *", "0 12,18 * * *"),
        "2026-03-01T00:00Z", "2026-03-01T23:59Z", 10);

    assertThat(merged).containsExactly(
        "2026-03-01T00:00Z", "2026-03-01T06:00Z", "2026-03-01T12:00Z", "2026-03-01T18:00Z");
  }

  @Test
  void everyCountsFromTheStart() {
    List<String> every = times(schedules("@every 8h"), "2026-03-01T01:00Z",
        "2026-03-02T01:00Z", 10);

    assertThat(every).containsExactly(
        "2026-03-01T01:00Z", "2026-03-01T09:00Z", "2026-03-01T17:00Z");
  }

  @Test
  void followsDaylightSavingInTheSchedulesZone() {
    List<String> paris = times(schedules("30 2 * * *").timezone("Europe/Paris"),
        "2026-03-28T00:00Z", "2026-03-31T00:00Z", 10);

    assertThat(paris).containsExactly(
        "2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00");
  }

  @Test
  void exactlyTheCapIsAllowed() {
    assertThat(times(schedules("@hourly"), "2026-03-01T00:00Z", "2026-03-01T05:00Z", 5))
        .hasSize(5);
  }

  @Test
  void overTheCapIsRefusedWithTheReason() {
    assertThatThrownBy(() -> times(schedules("* * * * *"), "2026-03-01T00:00Z",
        "2027-03-01T00:00Z", Backfill.DEFAULT_CAP))
        .isInstanceOf(Backfill.BackfillException.class)
        .hasMessage("from 2026-03-01T00:00:00Z to 2027-03-01T00:00:00Z the schedules"
            + " [* * * * *] run more than 1000 times, the backfill cap;"
            + " narrow the range or raise the cap");
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThatThrownBy(() -> times(schedules("@daily"), "2026-03-02T00:00Z",
        "2026-03-01T00:00Z", 10))
        .isInstanceOf(Backfill.BackfillException.class)
        .hasMessageContaining("start 2026-03-02T00:00:00Z is not before end");
  }

  @Test
  void anInvalidScheduleIsNamed() {
    assertThatThrownBy(() -> times(schedules("0 0 * * 8"), "2026-03-01T00:00Z",
        "2026-03-02T00:00Z", 10))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("day-of-week field '8'");
  }
}
