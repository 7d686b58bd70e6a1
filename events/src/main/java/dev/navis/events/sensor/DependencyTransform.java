package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.events.EventDependency.Transform;
import dev.navis.events.Event;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;

/**
 * A dependency's {@code transform}, compiled once and applied to each event before its filters,
 * as Argo Events does. Only the event's data is transformed; its context stays.
 *
 * <ul>
 *   <li>{@code jq}: the program runs over the data, which must be a JSON object; its first
 *       output replaces the data and must be an object too. Further outputs are ignored (Argo
 *       Events reads only the first); no output at all drops the event.
 *   <li>{@code script}: a Lua script sees the data as the table {@code event} and returns the
 *       new data as a table ({@link LuaTables} says how values convert).
 * </ul>
 *
 * <p>With both set, only {@code jq} runs, as in Argo Events. An event without data passes
 * unchanged. A transform that fails drops the event with a reason.
 */
public final class DependencyTransform {

  /** The jq dialect jackson-jq speaks closest to gojq, which Argo Events uses. */
  private static final Version JQ_VERSION = Versions.JQ_1_7;

  private static final Scope JQ_ROOT = jqRootScope();

  private static final DependencyTransform NONE = new DependencyTransform(null, null, null, null);

  private final JsonQuery jq;
  private final Prototype script;
  private final String problemField;
  private final String problem;

  private DependencyTransform(JsonQuery jq, Prototype script, String problemField,
      String problem) {
    this.jq = jq;
    this.script = script;
    this.problemField = problemField;
    this.problem = problem;
  }

  /** The transformed event, or why the event is dropped. */
  public record Result(Event event, String reason) {

    public boolean applied() {
      return event != null;
    }

    static Result dropped(String reason) {
      return new Result(null, reason);
    }
  }

  /** Compiles {@code transform} (null for none); a program that does not compile is kept. */
  public static DependencyTransform of(Transform transform) {
    if (transform == null) {
      return NONE;
    }
    if (present(transform.jq())) {
      try {
        return new DependencyTransform(JsonQuery.compile(transform.jq(), JQ_VERSION), null,
            null, null);
      } catch (JsonQueryException e) {
        return new DependencyTransform(null, null, "jq", "does not compile: " + e.getMessage());
      }
    }
    if (present(transform.script())) {
      try {
        return new DependencyTransform(null, LuaTables.compile(transform.script(), "transform"),
            null, null);
      } catch (LuaError e) {
        return new DependencyTransform(null, null, "script", "does not compile: "
            + e.getMessage());
      }
    }
    return NONE;
  }

  /** The field whose program does not compile ({@code jq} or {@code script}), or null. */
  public String problemField() {
    return problemField;
  }

  /** Why the program does not compile, or null when it does. */
  public String problem() {
    return problem;
  }

  /** Applies the transform to {@code event}'s data. */
  public Result apply(Event event) {
    if (problem != null) {
      return Result.dropped("transform." + problemField + " " + problem);
    }
    JsonNode data = event.data();
    if ((jq == null && script == null) || data == null || data.isNull()) {
      return new Result(event, "");
    }
    if (!data.isObject()) {
      return Result.dropped("transform: expected the event data to be a JSON object, found "
          + data.getNodeType().toString().toLowerCase());
    }

    return jq != null ? applyJq(event) : applyScript(event);
  }

  private Result applyJq(Event event) {
    List<JsonNode> outputs = new ArrayList<>();
    try {
      jq.apply(Scope.newChildScope(JQ_ROOT), event.data().deepCopy(), outputs::add);
    } catch (JsonQueryException e) {
      return Result.dropped("transform.jq failed: " + e.getMessage());
    }
    if (outputs.isEmpty()) {
      return Result.dropped("transform.jq yielded no value");
    }
    JsonNode first = outputs.getFirst();
    if (!first.isObject()) {
      return Result.dropped("transform.jq must yield a JSON object, found "
          + first.getNodeType().toString().toLowerCase() + " " + first);
    }
    return new Result(new Event(event.context(), first), "");
  }

  private Result applyScript(Event event) {
    try {
      JsonNode data = LuaTables.run(script, "event", event.data());
      return new Result(new Event(event.context(), data), "");
    } catch (LuaError | IllegalArgumentException e) {
      return Result.dropped("transform.script failed: " + e.getMessage());
    }
  }

  private static boolean present(String program) {
    return program != null && !program.isBlank();
  }

  private static Scope jqRootScope() {
    Scope root = Scope.newEmptyScope();
    BuiltinFunctionLoader.getInstance().loadFunctions(JQ_VERSION, root);
    return root;
  }
}
