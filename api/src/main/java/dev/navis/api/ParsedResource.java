package dev.navis.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Argo document of a file. {@code document} counts from 0 within the file; {@code resource}
 * is the typed record (Workflow, WorkflowTemplate for both template kinds, CronWorkflow), or
 * null for an argoproj.io kind Navis does not model yet, or when the tree did not convert.
 */
public record ParsedResource(
    String file,
    int document,
    String apiVersion,
    String kind,
    JsonNode tree,
    Object resource,
    SourcePositions positions) {

  /** The typed resource as {@code type}; fails (a bug in the caller) on another type. */
  public <T> T as(Class<T> type) {
    if (!type.isInstance(resource)) {
      throw new IllegalStateException(
          "expected a " + type.getSimpleName() + " in " + file + " document " + document
              + ", found " + (resource == null ? "none" : resource.getClass().getSimpleName()));
    }
    return type.cast(resource);
  }

  /** A problem at {@code path} of this document, the message prefixed by the path. */
  public Problem problem(String path, String text) {
    return Problem.at(file, positions, path, path, text);
  }
}
