package dev.navis.api.model.events;

import java.util.List;

/** One event a sensor waits for, by event source and event name, and the filters it must pass. */
public record EventDependency(
    String name,
    String eventSourceName,
    String eventName,
    Filters filters,
    Transform transform,
    String filtersLogicalOperator) {

  /**
   * The filter groups; {@code filtersLogicalOperator} joins the groups (and by default),
   * {@code dataLogicalOperator} and {@code exprLogicalOperator} the filters within a group.
   */
  public record Filters(
      TimeFilter time,
      ContextFilter context,
      List<DataFilter> data,
      List<ExprFilter> exprs,
      String dataLogicalOperator,
      String exprLogicalOperator,
      String script) {}

  /** A daily window {@code [start, stop)} of wall-clock times, {@code HH:MM:SS}. */
  public record TimeFilter(String start, String stop, String timezone) {}

  /** Expected values of the event's CloudEvents context; unset fields match anything. */
  public record ContextFilter(
      String id, String source, String specversion, String type, String datacontenttype,
      String subject, String time) {}

  /**
   * A value at {@code path} of the event's data, of {@code type} (string, number, bool), that
   * must equal one of {@code value} (strings as regular expressions) or compare to it.
   */
  public record DataFilter(
      String path, String type, List<String> value, String comparator, String template) {}

  /** An expression over named fields taken from the event's data. */
  public record ExprFilter(String expr, List<PayloadField> fields) {}

  /** A value at {@code path} of the event's data, named {@code name} in an expression. */
  public record PayloadField(String path, String name) {}

  /** Reshapes the event before the filters: a jq program or a Lua script. */
  public record Transform(String jq, String script) {}
}
