package dev.navis.events.source;

import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSourceFilter;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.events.Event;
import java.util.Map;

/**
 * An event source's {@code filter.expression}: an expression over the event's data (its
 * top-level fields are the variables, e.g. {@code body.value > 50}). An event that fails it, or
 * makes it fail, is not published.
 */
final class SourceFilter {

  private SourceFilter() {}

  /** Null when the event passes; otherwise why it does not. */
  static String rejection(EventSourceFilter filter, Event event) {
    if (filter == null || filter.expression() == null || filter.expression().isBlank()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values = event.data() != null && event.data().isObject()
        ? Codec.json().convertValue(event.data(), Map.class) : Map.of();
    try {
      Object result = Expressions.evaluateValues(filter.expression(), values);
      return Boolean.TRUE.equals(result) ? null
          : "filter.expression '" + filter.expression() + "' is " + result;
    } catch (ExpressionException e) {
      return "filter.expression '" + filter.expression() + "': " + e.getMessage();
    }
  }
}
