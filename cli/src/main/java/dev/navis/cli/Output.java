package dev.navis.cli;

import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import java.io.PrintWriter;

/** Prints a workflow in the form {@code -o} asks for. */
final class Output {

  private Output() {}

  /**
   * @param format name, json, yaml, wide; null for the summary {@code argo get} prints, and
   *     {@code wide-tree} for that summary in full
   */
  static void print(Workflow workflow, String format, PrintWriter out) {
    String chosen = format == null ? "" : format;
    switch (chosen) {
      case "name" -> out.println(workflow.metadata().name());
      case "json" -> out.println(prettyJson(workflow));
      case "yaml" -> out.print(Codec.toYaml(workflow));
      case "wide" -> new WorkflowPrinter(true).print(workflow, out);
      case "", "wide-tree" -> new WorkflowPrinter(false).print(workflow, out);
      default -> throw new UserException("unknown output format \"" + format
          + "\": use name, json, yaml or wide");
    }
    out.flush();
  }

  /** Refuses an unknown format before anything is done. */
  static void check(String format) {
    if (format != null && !java.util.Set.of("name", "json", "yaml", "wide").contains(format)) {
      throw new UserException("unknown output format \"" + format
          + "\": use name, json, yaml or wide");
    }
  }

  private static String prettyJson(Object value) {
    try {
      return Codec.json().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
