package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventDependency.ContextFilter;
import dev.navis.api.model.events.EventDependency.DataFilter;
import dev.navis.api.model.events.EventDependency.ExprFilter;
import dev.navis.api.model.events.EventDependency.Filters;
import dev.navis.api.model.events.EventDependency.PayloadField;
import dev.navis.api.model.events.EventDependency.TimeFilter;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.events.Event;
import dev.navis.events.EventContext;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;

/**
 * Decides whether an event passes a dependency's filters, as Argo Events does: {@code data}
 * (a value at a gjson path, strings matched as regular expressions, numbers compared),
 * {@code exprs} (expressions over named fields), {@code context} (exact CloudEvents values),
 * {@code time} (a daily window of the event's time) and {@code script} (a Lua script over the
 * data as {@code event} that passes by returning {@code true}). The groups are joined by
 * {@code filtersLogicalOperator}, the filters of a group by its own operator; both default to
 * {@code and}. Pure: no clock, no I/O. A filter the user wrote wrong rejects with a reason.
 * The dependency's {@code transform} is not applied here: {@link DependencyTransform} runs it
 * first, and this assesses the event it produced.
 */
public final class DependencyFilters {

  private DependencyFilters() {}

  /** Whether {@code event} passes every filter group of {@code dependency} (or one, for or). */
  public static FilterVerdict assess(EventDependency dependency, Event event) {
    Filters filters = dependency.filters();
    if (filters == null) {
      return FilterVerdict.PASSED;
    }
    List<FilterVerdict> groups = new ArrayList<>();
    if (filters.script() != null && !filters.script().isBlank()) {
      groups.add(script(filters.script(), event.data()));
    }
    if (filters.time() != null) {
      groups.add(time(filters.time(), event.context()));
    }
    if (filters.context() != null) {
      groups.add(context(filters.context(), event.context()));
    }
    if (filters.data() != null && !filters.data().isEmpty()) {
      groups.add(join(filters.dataLogicalOperator(), filters.data(),
          filter -> data(filter, event.data())));
    }
    if (filters.exprs() != null && !filters.exprs().isEmpty()) {
      groups.add(join(filters.exprLogicalOperator(), filters.exprs(),
          filter -> expr(filter, event.data())));
    }
    return join(dependency.filtersLogicalOperator(), groups, Function.identity());
  }

  private static <T> FilterVerdict join(String operator, List<T> items,
      Function<T, FilterVerdict> assess) {
    boolean any = "or".equalsIgnoreCase(operator);
    List<String> reasons = new ArrayList<>();
    for (T item : items) {
      FilterVerdict verdict = assess.apply(item);
      if (verdict.passed() && any) {
        return FilterVerdict.PASSED;
      }
      if (!verdict.passed()) {
        if (!any) {
          return verdict;
        }
        reasons.add(verdict.reason());
      }
    }
    return any && !items.isEmpty() ? FilterVerdict.rejected(String.join("; ", reasons))
        : FilterVerdict.PASSED;
  }

  static FilterVerdict context(ContextFilter expected, EventContext actual) {
    List<String> mismatches = new ArrayList<>();
    mismatch(mismatches, "type", expected.type(), actual.type());
    mismatch(mismatches, "subject", expected.subject(), actual.subject());
    mismatch(mismatches, "source", expected.source(), actual.source());
    mismatch(mismatches, "datacontenttype", expected.datacontenttype(),
        actual.datacontenttype());
    return mismatches.isEmpty() ? FilterVerdict.PASSED
        : FilterVerdict.rejected("context " + String.join(", ", mismatches));
  }

  private static void mismatch(List<String> out, String field, String expected, String actual) {
    if (expected != null && !expected.isEmpty() && !expected.equals(actual)) {
      out.add(field + " is '" + actual + "', expected '" + expected + "'");
    }
  }

  static FilterVerdict time(TimeFilter window, EventContext context) {
    ZoneId zone;
    LocalTime start;
    LocalTime stop;
    try {
      zone = window.timezone() == null || window.timezone().isBlank() ? ZoneOffset.UTC
          : ZoneId.of(window.timezone());
      start = LocalTime.parse(window.start());
      stop = LocalTime.parse(window.stop());
    } catch (DateTimeException | NullPointerException e) {
      return FilterVerdict.rejected("time filter: expected start and stop as HH:MM:SS and an"
          + " IANA timezone, found start '" + window.start() + "', stop '" + window.stop()
          + "', timezone '" + window.timezone() + "'");
    }

    LocalTime at = context.time().atZone(zone).toLocalTime();
    boolean inside = start.isBefore(stop) || start.equals(stop)
        ? !at.isBefore(start) && at.isBefore(stop)
        : !at.isBefore(start) || at.isBefore(stop);
    return inside ? FilterVerdict.PASSED : FilterVerdict.rejected("time " + at
        + " is outside [" + start + ", " + stop + ") " + zone);
  }

  static FilterVerdict data(DataFilter filter, JsonNode data) {
    JsonNode found = data == null ? null : JsonPaths.get(data, filter.path());
    if (found == null || found.isNull()) {
      return FilterVerdict.rejected("data path '" + filter.path() + "' not found");
    }
    String actual = found.isValueNode() ? found.asText() : Codec.toJson(found);
    if (filter.template() != null && !filter.template().isEmpty()) {
      try {
        actual = GoTemplate.render(filter.template(),
            Map.of("Input", Codec.json().convertValue(found, Object.class)));
      } catch (GoTemplate.TemplateException e) {
        return FilterVerdict.rejected("data filter '" + filter.path() + "': " + e.getMessage());
      }
    }
    return compare(filter, actual);
  }

  private static FilterVerdict compare(DataFilter filter, String actual) {
    List<String> values = filter.value() == null ? List.of() : filter.value();
    String type = filter.type() == null ? "string" : filter.type().toLowerCase();
    return switch (type) {
      case "number" -> numbers(filter, actual, values);
      case "bool" -> matches(filter, values.stream().anyMatch(v ->
          Boolean.parseBoolean(v.strip()) == Boolean.parseBoolean(actual.strip())), actual);
      case "string" -> strings(filter, actual, values);
      default -> FilterVerdict.rejected("data filter '" + filter.path() + "': unknown type '"
          + filter.type() + "', expected string, number or bool");
    };
  }

  private static FilterVerdict strings(DataFilter filter, String actual, List<String> values) {
    boolean anyMatch;
    try {
      anyMatch = values.stream().anyMatch(v -> Pattern.compile(v).matcher(actual).find());
    } catch (PatternSyntaxException e) {
      return FilterVerdict.rejected("data filter '" + filter.path()
          + "': not a regular expression: " + e.getPattern());
    }
    boolean negate = "!=".equals(filter.comparator());
    return matches(filter, anyMatch != negate, actual);
  }

  private static FilterVerdict numbers(DataFilter filter, String actual, List<String> values) {
    try {
      double number = Double.parseDouble(actual.strip());
      String comparator = filter.comparator() == null || filter.comparator().isEmpty() ? "="
          : filter.comparator();
      boolean any = false;
      for (String value : values) {
        any |= compare(number, comparator, Double.parseDouble(value.strip()));
      }
      return matches(filter, any, actual);
    } catch (NumberFormatException e) {
      return FilterVerdict.rejected("data filter '" + filter.path() + "': expected numbers,"
          + " found '" + actual + "' against " + values);
    }
  }

  private static boolean compare(double actual, String comparator, double expected) {
    return switch (comparator) {
      case ">=" -> actual >= expected;
      case ">" -> actual > expected;
      case "<=" -> actual <= expected;
      case "<" -> actual < expected;
      case "!=" -> actual != expected;
      default -> actual == expected;
    };
  }

  private static FilterVerdict matches(DataFilter filter, boolean matched, String actual) {
    return matched ? FilterVerdict.PASSED : FilterVerdict.rejected("data '" + filter.path()
        + "' is '" + actual + "', expected " + Objects.requireNonNullElse(filter.comparator(), "")
        + filter.value());
  }

  /** A Lua script over the data as {@code event}; it passes by returning {@code true}. */
  static FilterVerdict script(String script, JsonNode data) {
    if (data == null || data.isNull()) {
      return FilterVerdict.PASSED;
    }
    try {
      Prototype compiled = LuaTables.compile(script, "filter");
      return LuaTables.test(compiled, "event", data) ? FilterVerdict.PASSED
          : FilterVerdict.rejected("script filter did not return true");
    } catch (LuaError e) {
      return FilterVerdict.rejected("script filter: " + e.getMessage());
    }
  }

  static FilterVerdict expr(ExprFilter filter, JsonNode data) {
    Map<String, Object> values = new HashMap<>();
    for (PayloadField field : filter.fields() == null ? List.<PayloadField>of()
        : filter.fields()) {
      JsonNode found = data == null ? null : JsonPaths.get(data, field.path());
      if (found == null) {
        return FilterVerdict.rejected("expr field '" + field.name() + "': path '"
            + field.path() + "' not found");
      }
      values.put(field.name(), Codec.json().convertValue(found, Object.class));
    }
    try {
      Object result = Expressions.evaluateValues(filter.expr(), values);
      return Boolean.TRUE.equals(result) ? FilterVerdict.PASSED
          : FilterVerdict.rejected("expr '" + filter.expr() + "' is " + result);
    } catch (ExpressionException e) {
      return FilterVerdict.rejected("expr '" + filter.expr() + "': " + e.getMessage());
    }
  }
}
