package dev.navis.engine.expr;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's time for expressions: reference layouts ({@code 2006-01-02T15:04:05Z07:00}) turned into
 * Java formatters, Go duration text ({@code 1h30m}), and the methods templates call on times
 * and durations ({@code (now() - t).Seconds()}).
 */
final class GoTime {

  private static final Map<String, DateTimeFormatter> LAYOUTS = new ConcurrentHashMap<>();
  private static final int MAX_LAYOUTS = 128;
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final List<String> DEFAULT_LAYOUTS = List.of(
      "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
      "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02", "15:04:05");

  /** Go's layout chunks, longest first where one is a prefix of another. */
  private static final List<String> CHUNKS = List.of(
      "January", "Jan", "Monday", "Mon", "MST", "2006", "002", "01", "02", "03", "04", "05",
      "06", "15", "_2", "1", "2", "3", "4", "5", "PM", "pm",
      "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07",
      "-07:00:00", "-070000", "-07:00", "-0700", "-07");

  private GoTime() {}

  /** Formats a time with a Go reference layout such as {@code 2006-01-02}. */
  static String format(ZonedDateTime time, String layout) {
    return formatter(layout).format(time);
  }

  /** Parses an RFC 3339 time (what Argo's timestamps are). */
  static ZonedDateTime parseTime(String text) {
    try {
      return ZonedDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new ExpressionException("'" + text + "' is not an RFC 3339 time");
    }
  }

  /** expr-lang's {@code date(text[, layout[, timezone]])}. */
  static ZonedDateTime parseDate(List<Object> args) {
    if (args.isEmpty() || args.size() > 3) {
      throw new ExpressionException(
          "wrong number of arguments for date(): expected 1 to 3, got " + args.size());
    }
    String text = ExprBuiltins.text("date", args.get(0));
    ZoneId zone = args.size() == 3 ? zone(ExprBuiltins.text("date", args.get(2)))
        : ZoneOffset.UTC;
    if (args.size() > 1) {
      return parse(text, ExprBuiltins.text("date", args.get(1)), zone);
    }
    for (String layout : DEFAULT_LAYOUTS) {
      try {
        return parse(text, layout, zone);
      } catch (ExpressionException e) {
        // try the next layout
      }
    }
    throw new ExpressionException("date(): cannot parse '" + text + "'");
  }

  private static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new ExpressionException("unknown time zone '" + name + "'");
    }
  }

  static ZonedDateTime parse(String text, String layout, ZoneId zone) {
    try {
      TemporalAccessor parsed = formatter(layout).parse(text);
      LocalDate date = parsed.isSupported(ChronoField.EPOCH_DAY)
          ? LocalDate.from(parsed) : LocalDate.of(0, 1, 1);
      LocalTime time = parsed.query(TemporalQueries.localTime());
      ZoneId parsedZone = parsed.query(TemporalQueries.zone());
      return ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time,
          parsedZone == null ? zone : parsedZone);
    } catch (DateTimeException e) {
      throw new ExpressionException(
          "cannot parse '" + text + "' with layout '" + layout + "'");
    }
  }

  static DateTimeFormatter formatter(String layout) {
    DateTimeFormatter cached = LAYOUTS.get(layout);
    if (cached != null) {
      return cached;
    }
    DateTimeFormatter built = build(layout);
    if (LAYOUTS.size() >= MAX_LAYOUTS) {
      LAYOUTS.clear();
    }
    LAYOUTS.put(layout, built);
    return built;
  }

  private static DateTimeFormatter build(String layout) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
    int i = 0;
    while (i < layout.length()) {
      int fraction = fractionLength(layout, i);
      if (fraction > 0) {
        boolean fixed = layout.charAt(i + 1) == '0';
        builder.appendFraction(ChronoField.NANO_OF_SECOND, fixed ? fraction : 0, fraction, true);
        i += fraction + 1;
        continue;
      }
      String chunk = chunkAt(layout, i);
      if (chunk == null) {
        builder.appendLiteral(layout.charAt(i++));
      } else {
        appendChunk(builder, chunk);
        i += chunk.length();
      }
    }
    return builder.toFormatter(Locale.ENGLISH);
  }

  /** {@code .000} or {@code .999} (any length) right after seconds: a fraction of a second. */
  private static int fractionLength(String layout, int at) {
    if (layout.charAt(at) != '.' && layout.charAt(at) != ',' || at + 1 >= layout.length()) {
      return 0;
    }
    char digit = layout.charAt(at + 1);
    if (digit != '0' && digit != '9') {
      return 0;
    }
    int end = at + 1;
    while (end < layout.length() && layout.charAt(end) == digit) {
      end++;
    }
    boolean followedByDigit = end < layout.length() && Character.isDigit(layout.charAt(end));
    return followedByDigit ? 0 : end - at - 1;
  }

  private static String chunkAt(String layout, int at) {
    for (String chunk : CHUNKS) {
      if (layout.startsWith(chunk, at)) {
        return chunk;
      }
    }
    return null;
  }

  private static void appendChunk(DateTimeFormatterBuilder builder, String chunk) {
    switch (chunk) {
      case "January" -> builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
      case "Jan" -> builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
      case "Monday" -> builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
      case "Mon" -> builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
      case "MST" -> builder.appendZoneText(TextStyle.SHORT);
      case "2006" -> builder.appendValue(ChronoField.YEAR, 4);
      case "06" -> builder.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
      case "002" -> builder.appendValue(ChronoField.DAY_OF_YEAR, 3);
      case "01" -> builder.appendValue(ChronoField.MONTH_OF_YEAR, 2);
      case "1" -> builder.appendValue(ChronoField.MONTH_OF_YEAR);
      case "02" -> builder.appendValue(ChronoField.DAY_OF_MONTH, 2);
      case "2" -> builder.appendValue(ChronoField.DAY_OF_MONTH);
      case "_2" -> builder.padNext(2).appendValue(ChronoField.DAY_OF_MONTH);
      case "15" -> builder.appendValue(ChronoField.HOUR_OF_DAY, 2);
      case "03" -> builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
      case "3" -> builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM);
      case "04" -> builder.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
      case "4" -> builder.appendValue(ChronoField.MINUTE_OF_HOUR);
      case "05" -> builder.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
      case "5" -> builder.appendValue(ChronoField.SECOND_OF_MINUTE);
      case "PM", "pm" -> builder.appendText(ChronoField.AMPM_OF_DAY);
      default -> appendOffset(builder, chunk);
    }
  }

  private static void appendOffset(DateTimeFormatterBuilder builder, String chunk) {
    boolean zulu = chunk.startsWith("Z");
    String pattern = switch (chunk.substring(1)) {
      case "07:00:00" -> "+HH:MM:SS";
      case "070000" -> "+HHMMSS";
      case "07:00" -> "+HH:MM";
      case "0700" -> "+HHMM";
      default -> "+HH";
    };
    String noOffset = zulu ? "Z" : pattern.replace("HH", "00").replace("MM", "00")
        .replace("SS", "00");
    builder.appendOffset(pattern, noOffset);
  }

  /** Parses Go duration text: {@code 300ms}, {@code -1.5h}, {@code 2h45m}. */
  static Duration parseDuration(String text) {
    String body = text.strip();
    boolean negative = body.startsWith("-");
    body = negative || body.startsWith("+") ? body.substring(1) : body;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    Matcher part = DURATION_PART.matcher(body);
    double nanos = 0;
    int end = 0;
    while (part.find() && part.start() == end) {
      nanos += Double.parseDouble(part.group(1)) * unitNanos(part.group(2));
      end = part.end();
    }
    if (end == 0 || end != body.length()) {
      throw new ExpressionException("invalid duration '" + text + "'");
    }
    Duration duration = Duration.ofNanos(Math.round(nanos));
    return negative ? duration.negated() : duration;
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      default -> 1e3;
    };
  }

  /** Go's {@code Duration.String()}: {@code 1h2m3.5s}, {@code 300ms}, {@code 0s}. */
  static String formatDuration(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long magnitude = Math.abs(nanos);
    if (magnitude < 1_000_000_000L) {
      String[] units = {"ns", "µs", "ms"};
      int unit = magnitude < 1_000 ? 0 : magnitude < 1_000_000 ? 1 : 2;
      double scaled = magnitude / Math.pow(1000, unit);
      return sign + ExprValues.formatFloat(scaled) + units[unit];
    }
    long hours = magnitude / 3_600_000_000_000L;
    long minutes = magnitude / 60_000_000_000L % 60;
    double seconds = (magnitude % 60_000_000_000L) / 1e9;
    StringBuilder text = new StringBuilder(sign);
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    return text.append(ExprValues.formatFloat(seconds)).append('s').toString();
  }

  /** A Go method called on a time or a duration. */
  static Object callMethod(Object target, String method, List<Object> args) {
    if (target instanceof ZonedDateTime time) {
      return callTimeMethod(time, method, args);
    }
    if (target instanceof Duration duration) {
      return callDurationMethod(duration, method, args);
    }
    if (target instanceof String text && !text.isEmpty() && Character.isDigit(text.charAt(0))
        && looksLikeTime(text)) {
      return callTimeMethod(parseTime(text), method, args);
    }
    throw new ExpressionException("cannot call " + method + "() on "
        + ExprValues.describe(target));
  }

  private static boolean looksLikeTime(String text) {
    try {
      parseTime(text);
      return true;
    } catch (ExpressionException e) {
      return false;
    }
  }

  private static Object callTimeMethod(ZonedDateTime time, String method, List<Object> args) {
    return switch (method) {
      case "Year" -> (long) time.getYear();
      case "Month" -> (long) time.getMonthValue();
      case "Day" -> (long) time.getDayOfMonth();
      case "Hour" -> (long) time.getHour();
      case "Minute" -> (long) time.getMinute();
      case "Second" -> (long) time.getSecond();
      case "YearDay" -> (long) time.getDayOfYear();
      case "Weekday" -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Unix" -> time.toEpochSecond();
      case "UnixMilli" -> time.toInstant().toEpochMilli();
      case "UTC" -> time.withZoneSameInstant(ZoneOffset.UTC);
      case "Format" -> format(time, ExprBuiltins.text("Format", ExprBuiltins.one(method, args)));
      case "Sub" -> Duration.between(asTime(ExprBuiltins.one(method, args)), time);
      case "Add" -> time.plus(asDuration(ExprBuiltins.one(method, args)));
      case "Before" -> time.isBefore(asTime(ExprBuiltins.one(method, args)));
      case "After" -> time.isAfter(asTime(ExprBuiltins.one(method, args)));
      case "Equal" -> time.isEqual(asTime(ExprBuiltins.one(method, args)));
      case "String" -> GoFormat.sprint(time);
      default -> throw new ExpressionException("unknown method " + method + "() of a time");
    };
  }

  private static Object callDurationMethod(Duration duration, String method, List<Object> args) {
    ExprBuiltins.arity(method, args, 0);
    double nanos = duration.toNanos();
    return switch (method) {
      case "Hours" -> nanos / 3600e9;
      case "Minutes" -> nanos / 60e9;
      case "Seconds" -> nanos / 1e9;
      case "Milliseconds" -> duration.toMillis();
      case "Microseconds" -> duration.toNanos() / 1000;
      case "Nanoseconds" -> duration.toNanos();
      case "Abs" -> duration.abs();
      case "String" -> formatDuration(duration);
      default -> throw new ExpressionException(
          "unknown method " + method + "() of a duration");
    };
  }

  static ZonedDateTime asTime(Object value) {
    return switch (value) {
      case ZonedDateTime time -> time;
      case String text -> parseTime(text);
      default -> throw new ExpressionException("expected a time, got "
          + ExprValues.describe(value));
    };
  }

  private static Duration asDuration(Object value) {
    return switch (value) {
      case Duration duration -> duration;
      case String text -> parseDuration(text);
      case Long nanos -> Duration.ofNanos(nanos);
      default -> throw new ExpressionException("expected a duration, got "
          + ExprValues.describe(value));
    };
  }
}
