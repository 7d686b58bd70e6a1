package dev.navis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.ObjectMeta;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Prints templates and CronWorkflows in the forms {@code -o} asks for: {@code name},
 * {@code json}, {@code yaml}, or a table ({@code wide} adds columns).
 */
final class ResourcePrinter {

  static final Set<String> FORMATS = Set.of("name", "json", "yaml", "wide");

  private ResourcePrinter() {}

  /** Refuses an unknown format before anything is done. */
  static void check(String format) {
    if (format != null && !FORMATS.contains(format)) {
      throw new UserException("unknown output format \"" + format
          + "\": use name, json, yaml or wide");
    }
  }

  /** One resource; {@code summary} rows (label, value) when no format is given. */
  static void printOne(Object resource, ObjectMeta meta, String format,
      List<List<String>> summary, PrintWriter out) {
    switch (format == null ? "" : format) {
      case "name" -> out.println(meta.name());
      case "json" -> out.println(prettyJson(resource));
      case "yaml" -> out.print(Codec.toYaml(resource));
      default -> {
        Table table = new Table(null);
        table.row("Name:", meta.name());
        if (meta.namespace() != null) {
          table.row("Namespace:", meta.namespace());
        }
        table.row("Created:", created(meta));
        summary.forEach(table::row);
        table.print(out);
      }
    }
    out.flush();
  }

  /** Many resources: names, a JSON list, YAML documents, or {@code table}. */
  static void printMany(List<?> resources, List<ObjectMeta> metas, String format, Table table,
      PrintWriter out) {
    switch (format == null ? "" : format) {
      case "name" -> metas.forEach(meta -> out.println(meta.name()));
      case "json" -> out.println(prettyJson(resources));
      case "yaml" -> resources.forEach(resource -> out.print("---\n" + Codec.toYaml(resource)));
      default -> table.print(out);
    }
    out.flush();
  }

  static String created(ObjectMeta meta) {
    return meta.creationTimestamp() == null ? "" : meta.creationTimestamp().toString();
  }

  static String age(ObjectMeta meta, Instant now) {
    return Durations.shortForm(meta.creationTimestamp(), now);
  }

  private static String prettyJson(Object value) {
    try {
      JsonNode tree = Codec.json().valueToTree(value);
      return Codec.json().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
