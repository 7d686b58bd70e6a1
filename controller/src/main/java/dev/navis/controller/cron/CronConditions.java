package dev.navis.controller.cron;

import dev.navis.api.model.CronWorkflow;
import dev.navis.engine.expr.Expressions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates a CronWorkflow's {@code when} and {@code stopStrategy} expressions with Argo's
 * {@code cronworkflow.*} variables: name, namespace, labels, annotations, lastScheduledTime,
 * succeeded and failed. Text with {@code {{...}}} tags is substituted and read as govaluate,
 * as Argo does with {@code when}; a bare expression is expr-lang, as {@code stopStrategy} is.
 */
final class CronConditions implements Predicate<String> {

  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();

  CronConditions(CronWorkflow cron, CronStatus status) {
    var meta = cron.metadata();
    put("cronworkflow.name", meta.name());
    put("cronworkflow.namespace", meta.namespace());
    put("cronworkflow.lastScheduledTime", status.state().lastScheduledTime() == null ? null
        : status.state().lastScheduledTime().toString());
    values.put("cronworkflow.succeeded", status.succeeded());
    values.put("cronworkflow.failed", status.failed());
    texts.put("cronworkflow.succeeded", Long.toString(status.succeeded()));
    texts.put("cronworkflow.failed", Long.toString(status.failed()));
    if (meta.labels() != null) {
      meta.labels().forEach((key, value) -> put("cronworkflow.labels." + key, value));
    }
    if (meta.annotations() != null) {
      meta.annotations().forEach((key, value) -> put("cronworkflow.annotations." + key, value));
    }
  }

  private void put(String name, String value) {
    values.put(name, value);
    if (value != null) {
      texts.put(name, value);
    }
  }

  @Override
  public boolean test(String expression) {
    if (expression.contains("{{")) {
      String substituted = Expressions.substitute(expression, texts,
          Expressions.Unresolved.FAIL);
      return Expressions.evaluateWhen(substituted);
    }
    Object value = Expressions.evaluateValues(expression, values);
    if (value instanceof Boolean result) {
      return result;
    }
    throw new IllegalArgumentException("expected true or false from '" + expression
        + "', got " + Expressions.render(value));
  }
}
