package dev.navis.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.navis.api.Codec;
import dev.navis.engine.Occurrence;
import dev.navis.engine.Occurrence.SetNodes;

/** The operations one process may ask of a workflow another process runs. */
public final class ControlRequests {

  static final String STOP = "stop";
  static final String TERMINATE = "terminate";
  static final String SUSPEND = "suspend";
  static final String RESUME = "resume";
  public static final String SET = "set";

  private ControlRequests() {}

  /** The stored argument of a {@code set} request: its fields as JSON. */
  public static String argumentOf(SetNodes set) {
    return Codec.toJson(set);
  }

  static Occurrence toOccurrence(String kind, String argument) {
    return switch (kind) {
      case STOP -> new Occurrence.Stop(argument);
      case TERMINATE -> new Occurrence.Terminate();
      case SUSPEND -> new Occurrence.Suspend();
      case RESUME -> new Occurrence.Resume(argument);
      case SET -> setNodes(argument);
      default -> throw new IllegalArgumentException("unknown operation: " + kind);
    };
  }

  private static SetNodes setNodes(String argument) {
    try {
      return Codec.json().readValue(argument, SetNodes.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable set request: " + argument, e);
    }
  }
}
