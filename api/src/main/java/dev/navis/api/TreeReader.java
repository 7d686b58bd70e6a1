package dev.navis.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds a document's tree from the streaming parser's tokens, noting where every field and
 * list element starts. Jackson's own tree reader drops token locations, hence this one.
 */
final class TreeReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonParser parser;
  TreeReader(JsonParser parser) {
    this.parser = parser;
  }

  /** Reads the value at the parser's current token, which starts it. */
  JsonNode readValue(String path, PositionMap positions) throws IOException {
    JsonToken token = parser.currentToken();
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
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String fieldPath = SourcePositions.child(path, name);
      JsonLocation location = parser.currentTokenLocation();
      positions.put(fieldPath, location.getLineNr(), location.getColumnNr());

      parser.nextToken();
      // A repeated key replaces the earlier value, as Argo's YAML reader does.
      object.set(name, readValue(fieldPath, positions));
    }
    return object;
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
