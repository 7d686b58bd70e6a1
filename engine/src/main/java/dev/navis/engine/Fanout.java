package dev.navis.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime bookkeeping of a node that starts children: what is planned, how many started,
 * how many ended. Kept so a completion costs O(1) plus what it unblocks, never a sibling scan.
 */
final class Fanout {

  /** A child to start: a step or task call, one item of a loop or the whole call. */
  record Planned(String name, String displayName, Call call, Map<String, String> itemVars,
      boolean loopItem) {}

  final List<Planned> planned = new ArrayList<>();
  int next;
  int started;
  int ended;
  int unsuccessful;
  Node firstFailure;

  // DAG-only indexes, by task name
  final Map<String, Call> tasks = new LinkedHashMap<>();
  final Map<String, List<String>> dependents = new HashMap<>();
  final Map<String, Node> taskNodes = new HashMap<>();
  final Set<String> candidates = new LinkedHashSet<>();
  final Set<String> included = new LinkedHashSet<>();

  int running() {
    return started - ended;
  }

  boolean allPlannedEnded() {
    return next >= planned.size() && ended >= started;
  }
}
