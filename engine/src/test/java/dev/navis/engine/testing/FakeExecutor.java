package dev.navis.engine.testing;

import dev.navis.api.Codec;
import dev.navis.api.model.Artifact;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers started nodes with outcomes the test chooses: rules are tried in the order they were
 * added, the first that matches a launch decides; without one a node succeeds after a second.
 */
public final class FakeExecutor {

  private record Rule(Predicate<NodeLaunch> matches, Function<NodeLaunch, Outcome> outcome) {}

  private final List<Rule> rules = new ArrayList<>();
  private final List<NodeLaunch> launches = new ArrayList<>();

  /** Nodes whose display name (last part of the node name) is {@code displayName}. */
  public FakeExecutor on(String displayName, Outcome outcome) {
    return when(launch -> displayName.equals(displayName(launch)), launch -> outcome);
  }

  /** Nodes running the template named {@code templateName}. */
  public FakeExecutor onTemplate(String templateName, Outcome outcome) {
    return when(launch -> templateName.equals(launch.template().name()), launch -> outcome);
  }

  /** Nodes running the template named {@code templateName}, answered by a function. */
  public FakeExecutor onTemplate(String templateName, Function<NodeLaunch, Outcome> outcome) {
    return when(launch -> templateName.equals(launch.template().name()), outcome);
  }

  public FakeExecutor when(Predicate<NodeLaunch> matches, Function<NodeLaunch, Outcome> outcome) {
    rules.add(new Rule(matches, outcome));
    return this;
  }

  /** Every launch so far, in start order. */
  public List<NodeLaunch> launches() {
    return launches;
  }

  Outcome start(NodeLaunch launch) {
    launches.add(launch);
    for (Rule rule : rules) {
      if (rule.matches().test(launch)) {
        return rule.outcome().apply(launch);
      }
    }
    return Outcome.succeeded();
  }

  static NodeResult result(NodeLaunch launch, Outcome outcome, Instant started, Instant ended,
      String uid) {
    return new NodeResult(uid, launch.nodeId(), outcome.phase(), outcome.exitCode(),
        outcome.result(), outcome.parameters(), outcome.message(), started, ended, List.of(),
        storedArtifacts(launch));
  }

  /** Every declared output artifact, as if stored under {@code fake/<node>/<name>.tgz}. */
  private static List<Artifact> storedArtifacts(NodeLaunch launch) {
    var outputs = launch.template() == null ? null : launch.template().outputs();
    if (outputs == null || outputs.artifacts() == null) {
      return List.of();
    }
    return outputs.artifacts().stream().map(declared -> Codec.json().convertValue(
        Map.of("name", declared.name(), "key",
            "fake/" + launch.nodeId() + "/" + declared.name() + ".tgz"),
        Artifact.class)).toList();
  }

  /** The part of a node name after its parent's: {@code a} of {@code wf[0].a}. */
  public static String displayName(NodeLaunch launch) {
    String name = launch.nodeName();
    int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf(']'));
    String last = cut < 0 ? name : name.substring(cut + 1);
    return last.replaceAll("\\(\\d+\\)$", "");
  }
}
