package dev.navis.controller;

import dev.navis.engine.Occurrence;

/** The operations one process may ask of a workflow another process runs. */
final class ControlRequests {

  static final String STOP = "stop";
  static final String TERMINATE = "terminate";
  static final String SUSPEND = "suspend";
  static final String RESUME = "resume";

  private ControlRequests() {}

  static Occurrence toOccurrence(String kind, String argument) {
    return switch (kind) {
      case STOP -> new Occurrence.Stop(argument);
      case TERMINATE -> new Occurrence.Terminate();
      case SUSPEND -> new Occurrence.Suspend();
      case RESUME -> new Occurrence.Resume(argument);
      default -> throw new IllegalArgumentException("unknown operation: " + kind);
    };
  }
}
