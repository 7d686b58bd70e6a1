package dev.navis.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  /** The next {@code count} times after {@code from}, as offset date-times for easy reading. */
  private static List<String> nextTimes(CronSchedule schedule, String from, int count) {
    List<String> times = new ArrayList<>();
    Instant cursor = at(from);
    for (int i = 0; i < count; i++) {
      ZonedDateTime next = schedule.next(cursor).orElseThrow();
      times.add(next.toOffsetDateTime().toString());
      cursor = next.toInstant();
    }
    return times;
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      */15 * * * *          | 2026-03-01T00:00Z       | 2026-03-01T00:15Z
      0 0 ? * MON           | 2026-03-01T00:00Z       | 2026-03-02T00:00Z
      0 0 1 JAN *           | 2026-03-01T00:00Z       | 2027-01-01T00:00Z
      0 9-17/2 * * mon-fri  | 2026-02-27T17:00Z       | 2026-03-02T09:00Z
      5/20 * * * *          | 2026-03-01T00:06Z       | 2026-03-01T00:25Z
      1,2-4 * * * *         | 2026-03-01T00:02Z       | 2026-03-01T00:03Z
      0 0 13 * FRI          | 2026-03-01T00:00Z       | 2026-03-06T00:00Z
      0 0 */2 * MON         | 2026-03-01T00:00Z       | 2026-03-09T00:00Z
      0 0 1-7 * ?           | 2026-03-08T00:00Z       | 2026-04-01T00:00Z
      @yearly               | 2026-03-01T00:00Z       | 2027-01-01T00:00Z
      @annually             | 2026-03-01T00:00Z       | 2027-01-01T00:00Z
      @monthly              | 2026-03-01T00:00Z       | 2026-04-01T00:00Z
      @weekly               | 2026-03-01T00:00Z       | 2026-03-08T00:00Z
      @daily                | 2026-03-01T10:00Z       | 2026-03-02T00:00Z
      @midnight             | 2026-03-01T10:00Z       | 2026-03-02T00:00Z
      @hourly               | 2026-03-01T10:00:30Z    | 2026-03-01T11:00Z
      CRON_TZ=Asia/Tokyo 0 9 * * * | 2026-03-01T00:00Z | 2026-03-02T09:00+09:00
      TZ=Europe/Paris 0 9 * * *    | 2026-03-01T00:00Z | 2026-03-01T09:00+01:00
      @every 1h30m          | 2026-03-01T00:00:00.5Z  | 2026-03-01T01:30Z
      @every 90s            | 2026-03-01T00:00Z       | 2026-03-01T00:01:30Z
      """)
  void nextFollowsRobfigSyntax(String expression, String after, String expected) {
    CronSchedule schedule = CronSchedule.parse(expression, null);

    ZonedDateTime next = schedule.next(at(after)).orElseThrow();

    assertThat(next.toOffsetDateTime()).isEqualTo(OffsetDateTime.parse(expected));
  }

  @Test
  void timezoneArgumentIsUsedUnlessThePrefixOverridesIt() {
    Instant from = at("2026-06-30T12:00Z");

    ZonedDateTime inParis = CronSchedule.parse("0 9 * * *", "Europe/Paris").next(from)
        .orElseThrow();
    ZonedDateTime inTokyo = CronSchedule.parse("CRON_TZ=Asia/Tokyo 0 9 * * *", "Europe/Paris")
        .next(from).orElseThrow();

    assertThat(inParis.toOffsetDateTime()).hasToString("2026-07-01T09:00+02:00");
    assertThat(inTokyo.toOffsetDateTime()).hasToString("2026-07-01T09:00+09:00");
    assertThat(CronSchedule.parse("0 9 * * *", " ").zone().getId()).isEqualTo("UTC");
  }

  @Test
  void previousIsStrictlyBefore() {
    CronSchedule daily = CronSchedule.parse("30 2 * * *", "Europe/Paris");

    assertThat(daily.previous(at("2026-01-10T01:30Z")).orElseThrow().toOffsetDateTime())
        .hasToString("2026-01-09T02:30+01:00");
    assertThat(daily.previous(at("2026-01-10T01:30:00.001Z")).orElseThrow().toOffsetDateTime())
        .hasToString("2026-01-10T02:30+01:00");
  }

  @Test
  void impossibleDateHasNoNextTime() {
    CronSchedule february30 = CronSchedule.parse("0 0 30 2 *", null);

    assertThat(february30.next(at("2026-01-01T00:00Z"))).isEmpty();
    assertThat(february30.previous(at("2026-01-01T00:00Z"))).isEmpty();
  }

  @Test
  void springForwardInNewYorkRunsADailyGapJobOnceAtTheEndOfTheGap() {
    CronSchedule daily = CronSchedule.parse("30 2 * * *", "America/New_York");

    assertThat(nextTimes(daily, "2026-03-07T00:00-05:00", 3)).containsExactly(
        "2026-03-07T02:30-05:00", "2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00");
  }

  @Test
  void fallBackInNewYorkRunsADailyOverlapJobOnce() {
    CronSchedule daily = CronSchedule.parse("30 1 * * *", "America/New_York");

    assertThat(nextTimes(daily, "2026-10-31T00:00-04:00", 3)).containsExactly(
        "2026-10-31T01:30-04:00", "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
  }

  @Test
  void springForwardInParisRunsADailyGapJobOnce() {
    CronSchedule daily = CronSchedule.parse("15 2 * * *", "Europe/Paris");

    assertThat(nextTimes(daily, "2026-03-28T12:00+01:00", 3)).containsExactly(
        "2026-03-29T03:00+02:00", "2026-03-30T02:15+02:00", "2026-03-31T02:15+02:00");
  }

  @Test
  void fallBackInParisRunsADailyOverlapJobOnce() {
    CronSchedule daily = CronSchedule.parse("30 2 * * *", "Europe/Paris");

    assertThat(nextTimes(daily, "2026-10-24T12:00+02:00", 3)).containsExactly(
        "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00", "2026-10-27T02:30+01:00");
  }

  @Test
  void hourlyJobFollowsRealTimeAcrossBothTransitions() {
    CronSchedule hourly = CronSchedule.parse("30 * * * *", "Europe/Paris");

    assertThat(nextTimes(hourly, "2026-03-29T00:45+01:00", 3)).containsExactly(
        "2026-03-29T01:30+01:00", "2026-03-29T03:30+02:00", "2026-03-29T04:30+02:00");
    assertThat(nextTimes(hourly, "2026-10-25T01:45+02:00", 3)).containsExactly(
        "2026-10-25T02:30+02:00", "2026-10-25T02:30+01:00", "2026-10-25T03:30+01:00");
  }

  @Test
  void previousWalksBackAcrossTheFallBackOverlap() {
    CronSchedule hourly = CronSchedule.parse("30 * * * *", "America/New_York");
    CronSchedule daily = CronSchedule.parse("30 1 * * *", "America/New_York");
    Instant afterOverlap = at("2026-11-01T02:00-05:00");

    assertThat(hourly.previous(afterOverlap).orElseThrow().toOffsetDateTime())
        .hasToString("2026-11-01T01:30-05:00");
    assertThat(daily.previous(afterOverlap).orElseThrow().toOffsetDateTime())
        .hasToString("2026-11-01T01:30-04:00");
  }

  @Test
  void everyIsCountedFromTheStartOfItsSeries() {
    CronSchedule every = CronSchedule.parse("@every 1h30m", null);
    Instant since = at("2026-03-01T00:00Z");

    assertThat(every.interval()).contains(Duration.ofMinutes(90));
    assertThat(every.latestBetween(since, at("2026-03-01T04:00Z")).orElseThrow().toInstant())
        .isEqualTo(at("2026-03-01T03:00Z"));
    assertThat(every.latestBetween(since, at("2026-03-01T01:00Z"))).isEmpty();
    assertThat(every.nextInSeries(since, at("2026-03-01T04:00Z")).orElseThrow().toInstant())
        .isEqualTo(at("2026-03-01T04:30Z"));
    assertThat(every.previous(at("2026-03-01T04:00Z")).orElseThrow().toInstant())
        .isEqualTo(at("2026-03-01T02:30Z"));
  }

  @ParameterizedTest(name = "@every {0} = {1}s")
  @CsvSource(textBlock = """
      1h30m,  5400
      90s,    90
      1.5h,   5400
      2h45m30s, 9930
      1500ms, 1
      300ms,  1
      """)
  void everyTruncatesToWholeSecondsLikeRobfig(String duration, long seconds) {
    CronSchedule every = CronSchedule.parse("@every " + duration, null);

    assertThat(every.interval()).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                        | the schedule is empty
      * * * *                   | (minute hour day-of-month month day-of-week), found 4
      0 0 * * * *               | found 6
      60 * * * *                | minute field '60'
      0 24 * * *                | hour field '24'
      0 0 32 * *                | day-of-month field '32'
      0 0 * 13 *                | month field '13'
      0 0 * * FUNDAY            | day-of-week field 'FUNDAY'
      0 0 L * *                 | day-of-month field 'L'
      @fortnightly              | unknown descriptor '@fortnightly'
      @every                    | '' after @every is not a duration
      @every 1 hour             | '1 hour' after @every is not a duration
      @every 1d                 | '1d' after @every is not a duration
      @every 0s                 | must be positive
      @every -1h                | must be positive
      CRON_TZ=Mars/Olympus 0 0 * * * | unknown time zone 'Mars/Olympus'
      CRON_TZ=UTC               | nothing follows the time zone prefix
      """)
  void badSchedulesSayWhichPartIsWrong(String expression, String expectedPart) {
    assertThatThrownBy(() -> CronSchedule.parse(expression, null))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining(expectedPart)
        .hasMessageStartingWith("schedule '" + expression + "'");
  }

  @Test
  void badTimezoneArgumentIsNamed() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * * *", "+05:00"))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("unknown time zone '+05:00', expected an IANA name");
  }

  /** Walking forward with next and back with previous must meet the same times. */
  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(textBlock = """
      30 2 * * *,   America/New_York
      30 1 * * *,   America/New_York
      */20 * * * *, America/New_York
      0 */3 * * *,  Europe/Paris
      15 2 * * 0,   Europe/Paris
      0 0 * * *,    Australia/Lord_Howe
      """)
  void nextAndPreviousAgreeAcrossTheTransitionsOf2026(String expression, String zone) {
    CronSchedule schedule = CronSchedule.parse(expression, zone);
    for (String day : List.of("2026-03-07T12:00Z", "2026-03-28T12:00Z", "2026-04-04T12:00Z",
        "2026-10-24T12:00Z", "2026-10-31T12:00Z")) {
      List<Instant> forward = new ArrayList<>();
      Instant cursor = at(day);
      while (forward.size() < 40) {
        cursor = schedule.next(cursor).orElseThrow().toInstant();
        forward.add(cursor);
      }

      List<Instant> backward = new ArrayList<>();
      cursor = forward.getLast().plusNanos(1);
      while (backward.size() < 40) {
        cursor = schedule.previous(cursor).orElseThrow().toInstant();
        backward.addFirst(cursor);
      }

      assertThat(backward).as("from %s", day).isEqualTo(forward).doesNotHaveDuplicates();
    }
  }
}
