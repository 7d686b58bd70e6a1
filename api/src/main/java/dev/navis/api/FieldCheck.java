package dev.navis.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict field checking, as {@code argo lint} does: every field of an Argo object must be one
 * the model knows. The record classes are the schema: their components (under their
 * {@code @JsonProperty} names) are the known fields, a {@link JsonNode} component accepts
 * anything, and the values of a {@code Map<String, X>} are checked as X. Values of the wrong
 * shape are left to the conversion, which reports them.
 */
public final class FieldCheck {

  private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

  private FieldCheck() {}

  /** Every unknown field of the resource, in document order; none for unmodelled kinds. */
  public static List<Problem> unknownFields(ParsedResource resource) {
    Class<?> type = Resources.typeOf(resource.kind());
    List<Problem> problems = new ArrayList<>();
    if (type != null) {
      check(resource, resource.tree(), type, "", problems);
    }
    return problems;
  }

  /** The fields a record class accepts, by their YAML names, with their declared types. */
  public static Map<String, Type> fieldsOf(Class<?> recordClass) {
    return FIELDS.computeIfAbsent(recordClass, FieldCheck::collectFields);
  }

  private static void check(
      ParsedResource resource, JsonNode node, Type type, String path, List<Problem> problems) {
    Class<?> raw = rawClass(type);
    if (JsonNode.class.isAssignableFrom(raw)) {
      return;
    }
    if (raw.isRecord() && node.isObject()) {
      checkRecord(resource, node, raw, path, problems);
    } else if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        check(resource, node.get(i), element, SourcePositions.element(path, i), problems);
      }
    } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = typeArgument(type, 1);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = SourcePositions.child(path, field.getKey());
        check(resource, field.getValue(), value, fieldPath, problems);
      }
    }
  }

  private static void checkRecord(ParsedResource resource, JsonNode node, Class<?> record,
      String path, List<Problem> problems) {
    Map<String, Type> known = fieldsOf(record);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = SourcePositions.child(path, field.getKey());
      Type fieldType = known.get(field.getKey());
      if (fieldType == null) {
        problems.add(unknown(resource, fieldPath, field.getKey(), known.keySet()));
      } else {
        check(resource, field.getValue(), fieldType, fieldPath, problems);
      }
    }
  }

  private static Problem unknown(
      ParsedResource resource, String path, String name, Collection<String> known) {
    String suggestion = Suggestions.closest(name, known);
    String hint = suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)";
    SourcePositions.Position at = resource.positions().of(path);
    return new Problem(resource.file(), at.line(), at.column(), path,
        "unknown field \"" + path + "\"" + hint);
  }

  private static Map<String, Type> collectFields(Class<?> recordClass) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (RecordComponent component : recordClass.getRecordComponents()) {
      JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
      boolean renamed = property != null && !property.value().isEmpty();
      fields.put(renamed ? property.value() : component.getName(), component.getGenericType());
    }
    return Map.copyOf(fields);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    return Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType parameterized) {
      return parameterized.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
