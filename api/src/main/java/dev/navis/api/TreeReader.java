package dev.navis.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a document's tree from the streaming parser's tokens, noting where every field and
 * list element starts. Jackson's own tree reader drops token locations, hence this one. It also
 * resolves YAML anchors, aliases and merge keys ({@code <<: *base}), which Jackson leaves as
 * the anchor's name but Argo's YAML reader expands.
 */
final class TreeReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String MERGE_KEY = "<<";

  private final JsonParser parser;
  private final String source;
  private final String file;
  private final List<Problem> problems;
  private final Map<String, JsonNode> anchors = new HashMap<>();

  TreeReader(JsonParser parser, String source, String file, List<Problem> problems) {
    this.parser = parser;
    this.source = source;
    this.file = file;
    this.problems = problems;
  }

  /** Reads the value at the parser's current token, which starts it. */
  JsonNode readValue(String path, PositionMap positions) throws IOException {
    YAMLParser yaml = parser instanceof YAMLParser yamlParser ? yamlParser : null;
    if (yaml != null && yaml.isCurrentAlias()) {
      return resolveAlias(yaml.getText(), path);
    }
    String anchor = yaml == null ? null : anchorOf(yaml);
    JsonNode value = readToken(parser.currentToken(), path, positions);
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  /**
   * The anchor on the current value. Jackson reports anchors of mappings and lists but drops
   * those of plain values in a mapping, so for those the source text is read where the value
   * starts ({@code &name value}).
   */
  private String anchorOf(YAMLParser yaml) throws IOException {
    if (yaml.getObjectId() != null || yaml.currentToken().isStructStart()) {
      return yaml.getObjectId();
    }
    long offset = yaml.currentTokenLocation().getCharOffset();
    if (offset < 0 || offset >= source.length() || source.charAt((int) offset) != '&') {
      return null;
    }
    int end = (int) offset + 1;
    while (end < source.length() && !Character.isWhitespace(source.charAt(end))) {
      end++;
    }
    return source.substring((int) offset + 1, end);
  }

  private JsonNode resolveAlias(String name, String path) {
    JsonNode anchored = anchors.get(name);
    if (anchored == null) {
      JsonLocation location = parser.currentTokenLocation();
      problems.add(new Problem(file, location.getLineNr(), location.getColumnNr(), path,
          "malformed YAML: alias \"*" + name + "\" names no anchor defined before it"));
      return NODES.nullNode();
    }
    return anchored.deepCopy();
  }

  private JsonNode readToken(JsonToken token, String path, PositionMap positions)
      throws IOException {
    return switch (token) {
      case START_OBJECT -> readObject(path, positions);
      case START_ARRAY -> readArray(path, positions);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> readInteger();
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
      default -> throw new IllegalStateException("unexpected token " + token + " at " + path);
    };
  }

  private JsonNode readInteger() throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  private ObjectNode readObject(String path, PositionMap positions) throws IOException {
    ObjectNode object = NODES.objectNode();
    List<JsonNode> merged = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String fieldPath = SourcePositions.child(path, name);
      JsonLocation location = parser.currentTokenLocation();
      positions.put(fieldPath, location.getLineNr(), location.getColumnNr());

      parser.nextToken();
      JsonNode value = readValue(fieldPath, positions);
      if (MERGE_KEY.equals(name) && parser instanceof YAMLParser) {
        merged.add(value);
      } else {
        // A repeated key replaces the earlier value, as Argo's YAML reader does.
        object.set(name, value);
      }
    }
    merged.forEach(source -> merge(object, source, path));
    return object;
  }

  /** Adds the fields of merged mappings that the object does not set itself. */
  private void merge(ObjectNode object, JsonNode source, String path) {
    if (source.isArray()) {
      source.forEach(element -> merge(object, element, path));
    } else if (source.isObject()) {
      source.properties().forEach(field -> {
        if (!object.has(field.getKey())) {
          object.set(field.getKey(), field.getValue().deepCopy());
        }
      });
    } else {
      JsonLocation location = parser.currentTokenLocation();
      problems.add(new Problem(file, location.getLineNr(), location.getColumnNr(), path,
          "malformed YAML: expected a mapping to merge with <<, found "
              + Conversions.describeNode(source)));
    }
  }

  private ArrayNode readArray(String path, PositionMap positions) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      String elementPath = SourcePositions.element(path, array.size());
      JsonLocation location = parser.currentTokenLocation();
      positions.put(elementPath, location.getLineNr(), location.getColumnNr());
      array.add(readValue(elementPath, positions));
    }
    return array;
  }
}
