package dev.navis.engine.expr;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Go's {@code fmt.Sprint} of expr values, which {@code string()} and sprig's use. */
final class GoFormat {

  private GoFormat() {}

  static String sprint(Object value) {
    return switch (value) {
      case null -> "<nil>";
      case String text -> text;
      case Double number -> ExprValues.formatFloatLikeSprint(number);
      case List<?> list -> {
        StringJoiner joined = new StringJoiner(" ", "[", "]");
        list.forEach(element -> joined.add(sprint(element)));
        yield joined.toString();
      }
      case Map<?, ?> map -> {
        StringJoiner joined = new StringJoiner(" ", "map[", "]");
        new TreeMap<>(map).forEach((key, entry) -> joined.add(key + ":" + sprint(entry)));
        yield joined.toString();
      }
      case ZonedDateTime time -> GoTime.format(time, "2006-01-02 15:04:05.999999999 -0700 MST");
      case Duration duration -> GoTime.formatDuration(duration);
      default -> String.valueOf(value);
    };
  }
}
