package dev.navis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.model.ObjectMeta;
import dev.navis.server.events.EventResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The verbs {@code eventsource} and {@code sensor} share, written once: each subclass says
 * which kind it handles. They work on the store here or, with {@code --server}, through the API;
 * either way a running server applies what is stored (within seconds for the store here).
 */
final class EventVerbs {

  /** Spec fields of an EventSource that are not an event source type. */
  private static final Set<String> NOT_TYPES = Set.of("eventBusName", "replicas", "template",
      "service");

  private EventVerbs() {}

  /** What every verb has: the kind, the output streams, the namespace option. */
  abstract static class Verb implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    private final String kind;

    Verb(String kind) {
      this.kind = kind;
    }

    String kind() {
      return kind;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    EventResourceService open() {
      return EventResourceService.open(spec);
    }
  }

  /** {@code create FILE...}: stores new resources; refuses them all if any is invalid. */
  abstract static class Create extends Verb {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML or JSON files")
    List<Path> files;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    Create(String kind) {
      super(kind);
    }

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      List<ParsedResource> read = resourcesIn(this, files);
      try (EventResourceService service = open()) {
        for (ParsedResource resource : read) {
          JsonNode tree = Codec.json().valueToTree(resource.resource());
          String ns = namespaceOf(service, tree);
          store(service, ns, tree);
          warnOfMissingSources(service, ns, resource);
        }
      }
      return 0;
    }

    /**
     * A sensor whose dependency names an event source or event that is not stored is valid (it
     * waits, as in Argo Events), but most often a typo: say so, without refusing it.
     */
    private void warnOfMissingSources(EventResourceService service, String ns,
        ParsedResource sensor) {
      if (!"Sensor".equals(kind())) {
        return;
      }
      JsonNode dependencies = sensor.tree().path("spec").path("dependencies");
      for (int i = 0; i < dependencies.size(); i++) {
        String missing = missingSource(service, ns, dependencies.get(i));
        if (missing != null) {
          String path = "spec.dependencies[" + i + "]";
          spec.commandLine().getErr().println(sensor.problem(path, "warning: " + missing
              + "; the sensor waits until one is created").format());
        }
      }
      spec.commandLine().getErr().flush();
    }

    private static String missingSource(EventResourceService service, String ns,
        JsonNode dependency) {
      String source = dependency.path("eventSourceName").asText("");
      String event = dependency.path("eventName").asText("");
      Optional<JsonNode> stored = service.get("EventSource", ns, source);
      if (stored.isEmpty()) {
        return "no event source '" + source + "' is stored in namespace '" + ns + "'";
      }
      for (JsonNode events : stored.get().path("spec")) {
        if (events.isObject() && events.has(event)) {
          return null;
        }
      }
      return "event source '" + source + "' has no event named '" + event + "'";
    }

    String namespaceOf(EventResourceService service, JsonNode tree) {
      String given = tree.path("metadata").path("namespace").asText("");
      return service.namespace(namespace != null ? namespace : given.isEmpty() ? null : given);
    }

    void store(EventResourceService service, String ns, JsonNode resource) {
      print(this, service.create(kind(), ns, resource), output);
    }
  }

  /** {@code apply FILE...}: creates each resource, or replaces the one of its name. */
  abstract static class Apply extends Create {

    Apply(String kind) {
      super(kind);
    }

    @Override
    void store(EventResourceService service, String ns, JsonNode resource) {
      EventResources.Applied applied = service.apply(kind(), ns, resource);
      if (output != null) {
        print(this, applied.resource(), output);
        return;
      }
      out().println(kind() + " '" + applied.resource().at("/metadata/name").asText() + "' "
          + (applied.created() ? "created" : "configured"));
      out().flush();
    }
  }

  /** {@code get NAME...}. */
  abstract static class Get extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    Get(String kind) {
      super(kind);
    }

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      try (EventResourceService service = open()) {
        String ns = service.namespace(namespace);
        for (String name : names) {
          JsonNode found = service.get(kind(), ns, name).orElseThrow(() -> new UserException(
              kind() + " \"" + name + "\" not found in namespace \"" + ns + "\""));
          print(this, found, output);
        }
      }
      return 0;
    }
  }

  /** {@code list}: by name, in one namespace or all. */
  abstract static class ListVerb extends Verb {

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    @Option(names = {"-l", "--selector"}, description = "Label selector (a=b,c!=d,...)")
    String selector;

    @Option(names = {"-A", "--all-namespaces"}, description = "List those of all namespaces")
    boolean all;

    ListVerb(String kind) {
      super(kind);
    }

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      try (EventResourceService service = open()) {
        List<JsonNode> found = service.list(kind(), all ? null : service.namespace(namespace),
            selector);
        List<ObjectMeta> metas = found.stream().map(EventVerbs::meta).toList();
        ResourcePrinter.printMany(found, metas, output, table(found), out());
      }
      return 0;
    }

    private Table table(List<JsonNode> found) {
      List<String> header = new ArrayList<>(all ? List.of("NAMESPACE", "NAME")
          : List.of("NAME"));
      header.add("AGE");
      header.addAll(summaryLabels(kind()));
      Table table = new Table(header);
      Instant now = Instant.now();
      for (JsonNode resource : found) {
        List<String> row = new ArrayList<>();
        if (all) {
          row.add(meta(resource).namespace());
        }
        row.add(meta(resource).name());
        row.add(ResourcePrinter.age(meta(resource), now));
        summary(kind(), resource).forEach(pair -> row.add(pair.get(1)));
        table.row(row);
      }
      return table;
    }
  }

  /** {@code delete NAME...}. */
  abstract static class Delete extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    Delete(String kind) {
      super(kind);
    }

    @Override
    public Integer call() {
      try (EventResourceService service = open()) {
        String ns = service.namespace(namespace);
        for (String name : names) {
          if (!service.delete(kind(), ns, name)) {
            throw new UserException(kind() + " \"" + name + "\" not found in namespace \""
                + ns + "\"");
          }
          out().println(kind() + " '" + name + "' deleted");
        }
      }
      out().flush();
      return 0;
    }
  }

  /**
   * The resources of the verb's kind in {@code files}, parsed, linted and checked as a server
   * checks them; every problem is printed as {@code file:line:col: message} and nothing stored.
   */
  static List<ParsedResource> resourcesIn(Verb verb, List<Path> files) {
    PrintWriter err = verb.spec.commandLine().getErr();
    List<ParsedResource> found = new ArrayList<>();
    List<Problem> errors = new ArrayList<>();
    for (ParsedResource resource : ResourceFiles.readValid(files, err)) {
      if (!verb.kind().equals(resource.kind())) {
        throw new UserException(resource.file() + ": expected a " + verb.kind() + ", found "
            + resource.kind() + " (document " + (resource.document() + 1) + ")");
      }
      errors.addAll(EventResources.errors(resource));
      found.add(resource);
    }
    if (!errors.isEmpty()) {
      errors.forEach(problem -> err.println(problem.format()));
      err.flush();
      throw new UserException(errors.size() + " problem" + (errors.size() == 1 ? "" : "s")
          + " found; nothing was stored");
    }
    if (found.isEmpty()) {
      throw new UserException("no " + verb.kind() + " found in the given files");
    }
    return found;
  }

  static ObjectMeta meta(JsonNode resource) {
    return Codec.json().convertValue(resource.path("metadata"), ObjectMeta.class);
  }

  private static List<String> summaryLabels(String kind) {
    return kind.equals("Sensor") ? List.of("DEPENDENCIES", "TRIGGERS") : List.of("TYPES");
  }

  /** (label, value) rows: an EventSource's types; a Sensor's dependencies and triggers. */
  private static List<List<String>> summary(String kind, JsonNode resource) {
    JsonNode spec = resource.path("spec");
    if (kind.equals("Sensor")) {
      List<String> dependencies = new ArrayList<>();
      spec.path("dependencies").forEach(dep -> dependencies.add(dep.path("name").asText()));
      List<String> triggers = new ArrayList<>();
      spec.path("triggers").forEach(trigger -> triggers.add(trigger.at("/template/name")
          .asText()));
      return List.of(List.of("Dependencies:", String.join(",", dependencies)),
          List.of("Triggers:", String.join(",", triggers)));
    }
    List<String> types = new ArrayList<>();
    spec.properties().forEach(entry -> {
      if (!NOT_TYPES.contains(entry.getKey()) && entry.getValue().isObject()) {
        types.add(entry.getKey());
      }
    });
    return List.of(List.of("Types:", String.join(",", types)));
  }

  static void print(Verb verb, JsonNode resource, String output) {
    ResourcePrinter.printOne(resource, meta(resource), output,
        summary(verb.kind(), resource), verb.out());
  }
}
