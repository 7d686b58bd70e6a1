package dev.navis.engine;

import dev.navis.api.model.Parameter;
import dev.navis.api.model.RetryStrategy;
import dev.navis.api.model.Template;
import dev.navis.engine.WorkflowRun.Timer;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.engine.expr.Expressions.Unresolved;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Retry nodes: attempts {@code x(0)}, {@code x(1)}... by policy, limit, backoff, expression. */
final class RetryLogic {

  private final Reconciler reconciler;
  private final WorkflowRun run;

  RetryLogic(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  void assess(Node retry) {
    Node last = retry.owned.isEmpty() ? null : retry.owned.get(retry.owned.size() - 1);
    if (last == null) {
      startAttempt(retry, 0);
      return;
    }
    if (!last.completed()) {
      if (last.daemonRunning() && !retry.ownerNotified) {
        reconciler.daemonStarted(retry);
      }
      return;
    }
    if (!Phases.unsuccessful(last.phase)) {
      retry.outputs = last.outputs;
      reconciler.markPhase(retry, last.phase, null);
      return;
    }
    RetryStrategy strategy;
    try {
      strategy = strategy(retry);
    } catch (ExpressionException e) {
      reconciler.markPhase(retry, Phases.ERROR, "retryStrategy: " + e.getMessage());
      return;
    }
    String refusal = run.stopping() ? last.message : refusal(retry, strategy, last);
    if (refusal != null) {
      retry.outputs = last.outputs;
      reconciler.markPhase(retry, last.phase, refusal);
      return;
    }
    Instant next = nextAttemptAt(strategy, retry.owned.size(), last);
    if (next != null && reconciler.now.isBefore(next)) {
      reconciler.schedule(next, retry, Timer.Kind.WAKE);
      return;
    }
    startAttempt(retry, retry.owned.size());
  }

  private RetryStrategy strategy(Node retry) {
    Map<String, String> vars = reconciler.vars.forTemplate(retry, inputs(retry), null);
    RetryStrategy raw = retry.rawTemplate.retryStrategy();
    RetryStrategy bare = new RetryStrategy(raw.limit(), raw.retryPolicy(), raw.backoff(), null,
        null);
    RetryStrategy done = Templating.substitute(bare, RetryStrategy.class, vars,
        Unresolved.FAIL);
    // The expression reads lastRetry.* as expr variables when it is evaluated; tags such as
    // {{inputs.parameters.x}} are the template's and are filled in now, as Argo does.
    String expression = raw.expression() == null ? null
        : Templating.text(raw.expression(), vars, Unresolved.KEEP);
    return new RetryStrategy(done.limit(), done.retryPolicy(), done.backoff(), expression,
        raw.affinity());
  }

  private static List<Parameter> inputs(Node node) {
    return node.inputs == null || node.inputs.parameters() == null ? List.of()
        : node.inputs.parameters();
  }

  /** Why no further attempt runs, or null when one should. */
  private String refusal(Node retry, RetryStrategy strategy, Node last) {
    int attempts = retry.owned.size();
    if (strategy.limit() != null) {
      Integer limit = parseInt(strategy.limit());
      if (limit == null) {
        return "retryStrategy.limit '" + strategy.limit() + "' is not a number";
      }
      if (attempts > limit) {
        return last.message == null ? "No more retries left" : last.message;
      }
    }
    if (!policyAllows(strategy.retryPolicy(), last)) {
      return last.message;
    }
    if (strategy.backoff() != null && strategy.backoff().maxDuration() != null) {
      Duration max = Durations.parse(strategy.backoff().maxDuration());
      if (max != null && !reconciler.now.isBefore(retry.startedAt.plus(max))) {
        return "Max duration limit exceeded";
      }
    }
    return expressionRefuses(strategy, last);
  }

  private static boolean policyAllows(String policy, Node last) {
    boolean failed = Phases.FAILED.equals(last.phase);
    return switch (policy == null ? "OnFailure" : policy) {
      case "Always" -> true;
      case "OnError" -> !failed;
      // TODO: Argo matches Kubernetes transient errors; a host has none, so only an Error
      // whose message says "transient" is retried.
      case "OnTransientError" -> !failed && last.message != null
          && last.message.toLowerCase().contains("transient");
      default -> failed;
    };
  }

  private String expressionRefuses(RetryStrategy strategy, Node last) {
    if (strategy.expression() == null || strategy.expression().isBlank()) {
      return null;
    }
    Map<String, String> vars = new HashMap<>(reconciler.vars.globals());
    vars.putAll(lastRetryVars(last, reconciler.now));
    try {
      return Expressions.evaluateCondition(strategy.expression(), vars) ? null
          : last.message;
    } catch (ExpressionException e) {
      return "retryStrategy.expression: " + e.getMessage();
    }
  }

  private Instant nextAttemptAt(RetryStrategy strategy, int attempts, Node last) {
    if (strategy.backoff() == null || strategy.backoff().duration() == null) {
      return null;
    }
    Duration base = Durations.parse(strategy.backoff().duration());
    if (base == null) {
      return null;
    }
    double factor = 1;
    if (strategy.backoff().factor() != null) {
      Integer parsed = parseInt(strategy.backoff().factor());
      factor = parsed == null ? 1 : parsed;
    }
    long millis = (long) (base.toMillis() * Math.pow(factor, attempts - 1));
    Duration wait = Duration.ofMillis(millis);
    Duration cap = Durations.parse(strategy.backoff().cap());
    if (cap != null && wait.compareTo(cap) > 0) {
      wait = cap;
    }
    Instant end = last.finishedAt == null ? reconciler.now : last.finishedAt;
    return end.plus(wait);
  }

  private static Integer parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void startAttempt(Node retry, int attempt) {
    if (run.stopping()) {
      reconciler.markPhase(retry, Phases.FAILED, reconciler.steps.stoppedMessage());
      return;
    }
    String name = retry.name + "(" + attempt + ")";
    Node node = reconciler.launcher.newNode(retry, name, retry.displayName + "(" + attempt + ")",
        retry.boundaryId);
    node.templateName = retry.templateName;
    node.templateRef = retry.templateRef;
    node.templateScope = retry.templateScope;
    node.scope = retry.scope;
    node.inputs = retry.inputs;
    retry.children.add(node.id);
    reconciler.touch(retry);
    Template raw = retry.rawTemplate;
    reconciler.launcher.execute(node, raw, inputs(retry), attempt);
  }

  /**
   * {@code lastRetry.*}: the attempt before, for the retry expression and, as Argo gives them,
   * the next attempt's template; a first attempt (no {@code last}) sees Argo's blanks.
   */
  static Map<String, String> lastRetryVars(Node last, Instant now) {
    if (last == null) {
      return Map.of("lastRetry.exitCode", "0", "lastRetry.status", "",
          "lastRetry.duration", "0", "lastRetry.message", "");
    }
    String exitCode = last.outputs == null || last.outputs.exitCode() == null ? "-1"
        : last.outputs.exitCode();
    Instant start = last.startedAt == null ? now : last.startedAt;
    Instant end = last.finishedAt == null ? now : last.finishedAt;
    return Map.of("lastRetry.exitCode", exitCode, "lastRetry.status", last.phase,
        "lastRetry.message", last.message == null ? "" : last.message,
        "lastRetry.duration", Long.toString(Duration.between(start, end).toSeconds()));
  }
}
