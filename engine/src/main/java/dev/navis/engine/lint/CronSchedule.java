package dev.navis.engine.lint;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a cron schedule the way Argo's scheduler reads it: five fields (minute, hour, day of
 * month, month, day of week) with lists, ranges and steps, month and weekday names, an
 * optional {@code CRON_TZ=} prefix, or an {@code @} descriptor.
 */
final class CronSchedule {

  /** One field: its name, its bounds, and the names it accepts for numbers from {@code min}. */
  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<Field> FIELDS = List.of(
      new Field("minute", 0, 59, List.of()),
      new Field("hour", 0, 23, List.of()),
      new Field("day of month", 1, 31, List.of()),
      new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
          "SEP", "OCT", "NOV", "DEC")),
      new Field("day of week", 0, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

  private static final Pattern DESCRIPTOR = Pattern.compile(
      "@(yearly|annually|monthly|weekly|daily|midnight|hourly|every\\s+\\S+)");

  private CronSchedule() {}

  /** Null when the schedule is valid, else what is wrong with it. */
  static String problemOf(String schedule) {
    String text = schedule.strip().replaceFirst("^(CRON_)?TZ=\\S+\\s+", "");
    if (text.startsWith("@")) {
      return DESCRIPTOR.matcher(text).matches() ? null : "unknown descriptor \"" + text + "\"";
    }
    String[] parts = text.split("\\s+");
    if (parts.length != FIELDS.size()) {
      return "expected 5 fields (minute hour day-of-month month day-of-week), found "
          + parts.length;
    }
    for (int i = 0; i < parts.length; i++) {
      String problem = problemOf(parts[i], FIELDS.get(i));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String problemOf(String part, Field field) {
    for (String item : part.split(",", -1)) {
      String[] stepped = item.split("/", -1);
      if (stepped.length > 2 || stepped.length == 2 && !positive(stepped[1])) {
        return field.name() + ": expected a step such as */5, found \"" + item + "\"";
      }
      String range = stepped[0];
      if (range.equals("*") || range.equals("?")) {
        continue;
      }
      for (String bound : range.split("-", -1)) {
        if (value(bound, field) < 0) {
          return field.name() + ": expected " + field.min() + "-" + field.max()
              + (field.names().isEmpty() ? "" : " or a name") + ", found \"" + bound + "\"";
        }
      }
    }
    return null;
  }

  private static int value(String text, Field field) {
    int named = field.names().indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + field.min();
    }
    if (!text.matches("\\d{1,2}")) {
      return -1;
    }
    int number = Integer.parseInt(text);
    return number >= field.min() && number <= field.max() ? number : -1;
  }

  private static boolean positive(String text) {
    return text.matches("\\d{1,3}") && Integer.parseInt(text) > 0;
  }
}
