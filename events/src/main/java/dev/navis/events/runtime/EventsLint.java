package dev.navis.events.runtime;

import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.sensor.SensorCheck;
import dev.navis.events.sensor.SensorCheck.Finding;
import dev.navis.events.source.EventSourceCheck;
import java.util.List;

/**
 * The sensor and event source checks as lint problems, each at the file, line and column of
 * its field; warnings read {@code "warning: ..."}. Other kinds have none here.
 */
public final class EventsLint {

  private static final String WARNING = "warning: ";

  private EventsLint() {}

  /** The problems of one parsed document, warnings included. */
  public static List<Problem> problems(ParsedResource resource) {
    List<Finding> findings = switch (resource.resource()) {
      case Sensor sensor -> SensorCheck.check(sensor);
      case EventSource source -> EventSourceCheck.check(source);
      case null, default -> List.of();
    };
    return findings.stream().map(finding -> resource.problem(finding.path(),
        (finding.warning() ? WARNING : "") + finding.message())).toList();
  }

  /** Whether a problem of {@link #problems} is only a warning. */
  public static boolean isWarning(Problem problem) {
    return problem.message().startsWith(WARNING)
        || problem.message().startsWith(problem.field() + ": " + WARNING);
  }
}
