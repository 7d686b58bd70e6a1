package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.TriggerParameter;
import dev.navis.api.model.events.TriggerParameter.Source;
import dev.navis.events.Event;
import java.util.List;
import java.util.Map;

/**
 * Writes values taken from events into a trigger's resource, as Argo Events parameterizes
 * triggers. A source reads, in this order of preference, {@code contextTemplate},
 * {@code contextKey}, {@code dataTemplate}, {@code dataKey} of the latest event of its
 * {@code dependencyName}, falling back to {@code value}; without key nor template it takes the
 * whole event. Values are written as strings, or as the JSON they are with {@code useRawData}.
 */
public final class TriggerParameters {

  private TriggerParameters() {}

  /**
   * Returns a copy of {@code target} with every parameter applied in order.
   *
   * @param events the latest event of each dependency, by dependency name
   * @throws ParameterException when a value cannot be resolved and has no default, or its
   *     {@code dest} cannot be written
   */
  public static JsonNode apply(JsonNode target, List<TriggerParameter> parameters,
      Map<String, Event> events) {
    JsonNode result = target.deepCopy();
    for (TriggerParameter parameter : parameters == null ? List.<TriggerParameter>of()
        : parameters) {
      JsonNode value = resolve(parameter.src(), events);
      write(result, parameter, value);
    }
    return result;
  }

  /**
   * The value of one source: a text node, or any JSON with {@code useRawData}.
   *
   * @throws ParameterException when it cannot be resolved and there is no default
   */
  public static JsonNode resolve(Source source, Map<String, Event> events) {
    if (source == null) {
      throw new ParameterException("a parameter has no src");
    }
    Event event = events.get(source.dependencyName());
    JsonNode found = event == null ? null : lookup(source, event);
    if (found != null) {
      return found;
    }
    if (source.value() != null) {
      return TextNode.valueOf(source.value());
    }
    throw new ParameterException(event == null
        ? "no event for dependency '" + source.dependencyName() + "' and no default value"
        : "nothing found in the event of dependency '" + source.dependencyName()
            + "' at " + describe(source) + ", and no default value");
  }

  private static JsonNode lookup(Source source, Event event) {
    boolean raw = Boolean.TRUE.equals(source.useRawData());
    JsonNode context = event.contextTree();
    if (present(source.contextTemplate())) {
      JsonNode rendered = render(source.contextTemplate(), context);
      if (rendered != null) {
        return rendered;
      }
    }
    if (present(source.contextKey())) {
      JsonNode found = JsonPaths.get(context, source.contextKey());
      if (found != null) {
        return shape(found, raw);
      }
    }
    if (present(source.dataTemplate())) {
      JsonNode rendered = render(source.dataTemplate(), event.data());
      if (rendered != null) {
        return rendered;
      }
    }
    if (present(source.dataKey())) {
      JsonNode found = event.data() == null ? null : JsonPaths.get(event.data(), source.dataKey());
      return found == null ? null : shape(found, raw);
    }
    boolean keyed = present(source.contextTemplate()) || present(source.contextKey())
        || present(source.dataTemplate());
    return keyed ? null : shape(event.toTree(), raw);
  }

  private static JsonNode render(String template, JsonNode input) {
    try {
      Object dot = Map.of("Input", Codec.json().convertValue(input, Object.class));
      return TextNode.valueOf(GoTemplate.render(template, dot));
    } catch (GoTemplate.TemplateException e) {
      return null;
    }
  }

  private static JsonNode shape(JsonNode found, boolean raw) {
    if (raw) {
      return found;
    }
    return TextNode.valueOf(found.isValueNode() ? found.asText() : Codec.toJson(found));
  }

  private static void write(JsonNode target, TriggerParameter parameter, JsonNode value) {
    if (parameter.dest() == null || parameter.dest().isBlank()) {
      throw new ParameterException("a parameter has no dest");
    }
    JsonNode current = JsonPaths.get(target, parameter.dest());
    String operation = parameter.operation() == null ? "overwrite" : parameter.operation();
    JsonNode written = switch (operation) {
      case "append" -> TextNode.valueOf(text(current) + text(value));
      case "prepend" -> TextNode.valueOf(text(value) + text(current));
      case "overwrite", "" -> value;
      default -> throw new ParameterException("parameter '" + parameter.dest()
          + "': unknown operation '" + operation + "', expected overwrite, append or prepend");
    };
    try {
      JsonPaths.set(target, parameter.dest(), written);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(e.getMessage());
    }
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : Codec.toJson(node);
  }

  private static boolean present(String text) {
    return text != null && !text.isEmpty();
  }

  private static String describe(Source source) {
    return present(source.dataKey()) ? "dataKey '" + source.dataKey() + "'"
        : present(source.contextKey()) ? "contextKey '" + source.contextKey() + "'"
        : "its template";
  }

  /** A parameter that cannot be resolved or written: the sensor author's mistake. */
  public static final class ParameterException extends RuntimeException {
    public ParameterException(String message) {
      super(message);
    }
  }
}
