package dev.navis.api;

import java.util.ArrayList;
import java.util.List;

/** The resources read from one or more files, and the problems met reading them. */
public record ParseResult(List<ParsedResource> resources, List<Problem> problems) {

  public ParseResult {
    resources = List.copyOf(resources);
    problems = List.copyOf(problems);
  }

  /** Both results together, in order. */
  public ParseResult plus(ParseResult other) {
    List<ParsedResource> allResources = new ArrayList<>(resources);
    allResources.addAll(other.resources);
    List<Problem> allProblems = new ArrayList<>(problems);
    allProblems.addAll(other.problems);
    return new ParseResult(allResources, allProblems);
  }
}
