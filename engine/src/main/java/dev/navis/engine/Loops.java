package dev.navis.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands {@code withItems}, {@code withParam} and {@code withSequence} into item variables. */
final class Loops {

  /** A loop call that cannot be expanded; the message says why. */
  static final class LoopException extends Exception {
    LoopException(String message) {
      super(message);
    }
  }

  /** One item of a loop: its printed value and the variables it defines. */
  record Item(String printed, Map<String, String> vars) {}

  private Loops() {}

  /** The items of a looped call whose withParam/withSequence are already substituted. */
  static List<Item> expand(Call call) throws LoopException {
    if (call.withItems() != null) {
      return items(call.withItems());
    }
    if (call.withParam() != null) {
      return items(parseList(call.name(), call.withParam()));
    }
    return sequence(call.name(), call.withSequence());
  }

  private static List<JsonNode> parseList(String step, String text) throws LoopException {
    try {
      JsonNode parsed = Codec.json().readTree(text);
      if (parsed == null || !parsed.isArray()) {
        throw notAList(text);
      }
      List<JsonNode> list = new ArrayList<>();
      parsed.forEach(list::add);
      return list;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw notAList(text);
    }
  }

  private static LoopException notAList(String text) {
    return new LoopException("withParam value could not be parsed as a JSON list: "
        + text.trim());
  }

  private static List<Item> items(List<JsonNode> values) {
    List<Item> items = new ArrayList<>(values.size());
    for (JsonNode value : values) {
      Map<String, String> vars = new LinkedHashMap<>();
      String printed = Templating.print(value);
      vars.put("item", printed);
      if (value != null && value.isObject()) {
        value.fields().forEachRemaining(
            field -> vars.put("item." + field.getKey(), Templating.print(field.getValue())));
      }
      items.add(new Item(printed, vars));
    }
    return items;
  }

  private static List<Item> sequence(String step, Sequence sequence) throws LoopException {
    long start;
    long end;
    try {
      start = sequence.start() == null ? 0 : Long.parseLong(sequence.start().trim());
      if (sequence.count() != null) {
        end = start + Long.parseLong(sequence.count().trim()) - 1;
      } else if (sequence.end() != null) {
        end = Long.parseLong(sequence.end().trim());
      } else {
        throw new LoopException("withSequence of '" + step + "' needs count or end");
      }
    } catch (NumberFormatException e) {
      throw new LoopException("withSequence of '" + step + "' is not numeric: " + e.getMessage());
    }
    return numbers(start, end, sequence.format());
  }

  private static List<Item> numbers(long start, long end, String format) {
    List<Item> items = new ArrayList<>();
    long step = start <= end ? 1 : -1;
    for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
      String printed = format == null ? Long.toString(i) : String.format(format, i);
      items.add(new Item(printed, Map.of("item", printed)));
    }
    return items;
  }
}
