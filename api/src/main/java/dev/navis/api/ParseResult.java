package dev.navis.api;

import java.util.List;

/** The resources read from a file, and the problems met reading them. */
public record ParseResult(List<ParsedResource> resources, List<Problem> problems) {

  public ParseResult {
    resources = List.copyOf(resources);
    problems = List.copyOf(problems);
  }
}
