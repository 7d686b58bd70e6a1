package dev.navis.server.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent log lines of event sources and sensors, in the shape Argo Server streams them
 * ({@code namespace, eventSourceName|sensorName, ..., level, time, msg}), kept in memory for
 * {@code /api/v1/stream/.../logs}. Each line has a number, so a follower reads what is new.
 */
public final class ActivityLog {

  /** One line: for an EventSource or a Sensor of a namespace, its fields in order. */
  public record Line(long number, String kind, String namespace, String name,
      Map<String, Object> fields) {}

  private final int capacity;
  private final Deque<Line> lines = new ArrayDeque<>();
  private long next = 1;

  public ActivityLog(int capacity) {
    this.capacity = capacity;
  }

  /** Adds a line; {@code fields} follow the name, then level, time and msg come last. */
  public synchronized void add(String kind, String namespace, String name, String level,
      String message, Map<String, Object> fields) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("namespace", namespace);
    all.put(kind.equals("Sensor") ? "sensorName" : "eventSourceName", name);
    fields.forEach((key, value) -> {
      if (value != null) {
        all.put(key, value);
      }
    });
    all.put("level", level);
    all.put("time", Instant.now().toString());
    all.put("msg", message);
    lines.addLast(new Line(next++, kind, namespace, name, all));
    while (lines.size() > capacity) {
      lines.removeFirst();
    }
  }

  /** The lines of {@code kind} in {@code namespace} numbered above {@code after}, oldest first. */
  public synchronized List<Line> since(String kind, String namespace, long after) {
    return lines.stream().filter(line -> line.number() > after && line.kind().equals(kind)
        && line.namespace().equals(namespace)).toList();
  }
}
