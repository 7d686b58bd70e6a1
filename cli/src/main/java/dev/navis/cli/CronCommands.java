package dev.navis.cli;

import dev.navis.api.ParsedResource;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.controller.cron.CronStatus;
import dev.navis.controller.cron.CronWorkflowRuns;
import dev.navis.controller.cron.CronWorkflows;
import dev.navis.engine.cron.Backfill;
import dev.navis.engine.cron.CronDecider;
import dev.navis.engine.cron.InvalidScheduleException;
import dev.navis.store.NameConflictException;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.StaleResourceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis cron}: CronWorkflows, with the verbs of {@code argo cron}. */
@Command(name = "cron", description = "Manage CronWorkflows.",
    subcommands = {
      CronCommands.Create.class,
      CronCommands.ListVerb.class,
      CronCommands.Get.class,
      CronCommands.Delete.class,
      CronCommands.Suspend.class,
      CronCommands.Resume.class,
      CronCommands.BackfillVerb.class,
      CronCommands.Update.class,
      CronCommands.Lint.class
    })
final class CronCommands {

  private CronCommands() {}

  /** What every verb has: output streams and a namespace. */
  abstract static class Verb implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    static CronWorkflows crons(Session session) {
      return new CronWorkflows(session.store().resources());
    }

    CronWorkflow find(Session session, String name) {
      String ns = session.namespace(namespace);
      return crons(session).get(ns, name).orElseThrow(() -> new UserException(
          new ResourceNotFoundException(CronWorkflow.KIND, ns, name).getMessage()));
    }
  }

  @Command(name = "create", description = "Store new CronWorkflows; they fire in the background.")
  static final class Create extends Verb {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CronWorkflow YAML or JSON")
    List<Path> files;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    @Override
    public Integer call() throws IOException {
      ResourcePrinter.check(output);
      List<CronWorkflow> read = cronsIn(files, spec.commandLine().getErr());
      try (Session session = new Session()) {
        for (CronWorkflow cron : read) {
          try {
            print(crons(session).create(cron, session.namespace(namespace)), output, out());
          } catch (NameConflictException e) {
            throw new UserException(e.getMessage());
          }
        }
        startBackground(session);
      }
      return 0;
    }

    static List<CronWorkflow> cronsIn(List<Path> files, PrintWriter err) {
      List<CronWorkflow> crons = new ArrayList<>();
      for (ParsedResource resource : ResourceFiles.readValid(files, err)) {
        if (!CronWorkflow.KIND.equals(resource.kind())) {
          throw new UserException(resource.file() + ": expected a CronWorkflow, found "
              + resource.kind() + " (document " + (resource.document() + 1) + ")");
        }
        crons.add(resource.as(CronWorkflow.class));
      }
      if (crons.isEmpty()) {
        throw new UserException("no CronWorkflow found in the given files");
      }
      return crons;
    }
  }

  @Command(name = "update", description = "Replace the spec of stored CronWorkflows.")
  static final class Update extends Verb {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CronWorkflow YAML or JSON")
    List<Path> files;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      List<CronWorkflow> read = Create.cronsIn(files, spec.commandLine().getErr());
      try (Session session = new Session()) {
        for (CronWorkflow cron : read) {
          try {
            print(crons(session).update(cron, session.namespace(namespace)), output, out());
          } catch (ResourceNotFoundException | StaleResourceException e) {
            throw new UserException(e.getMessage());
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "lint", description = "Check CronWorkflow files for problems.")
  static final class Lint extends TemplateVerbs.Lint {

    Lint() {
      super(false);
    }
  }

  @Command(name = "list", description = "List CronWorkflows.")
  static final class ListVerb extends Verb {

    @Option(names = {"-A", "--all-namespaces"}, description = "List those of all namespaces")
    boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, description = "Label selector (a=b,c!=d,...)")
    String selector;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      try (Session session = new Session()) {
        List<CronWorkflow> found;
        try {
          found = crons(session).list(allNamespaces ? null : session.namespace(namespace),
              selector);
        } catch (IllegalArgumentException badSelector) {
          throw new UserException(badSelector.getMessage());
        }
        List<ObjectMeta> metas = found.stream().map(CronWorkflow::metadata).toList();
        ResourcePrinter.printMany(found, metas, output, table(found), out());
      }
      return 0;
    }

    private Table table(List<CronWorkflow> found) {
      List<String> header = new ArrayList<>();
      if (allNamespaces) {
        header.add("NAMESPACE");
      }
      header.addAll(List.of("NAME", "AGE", "LAST RUN", "NEXT RUN", "SCHEDULES", "TIMEZONE",
          "SUSPENDED"));
      Table table = new Table(header);
      Instant now = Instant.now();
      for (CronWorkflow cron : found) {
        List<String> row = new ArrayList<>();
        if (allNamespaces) {
          row.add(cron.metadata().namespace());
        }
        row.add(cron.metadata().name());
        row.add(ResourcePrinter.age(cron.metadata(), now));
        row.add(lastRun(cron).map(last -> Durations.shortForm(last, now)).orElse("N/A"));
        row.add(nextRun(cron, now).map(next -> Durations.shortForm(now, next)).orElse("N/A"));
        row.add(String.join(",", cron.spec().allSchedules()));
        row.add(cron.spec().timezone() == null ? "" : cron.spec().timezone());
        row.add(Boolean.toString(Boolean.TRUE.equals(cron.spec().suspend())));
        table.row(row);
      }
      return table;
    }
  }

  @Command(name = "get", description = "Show CronWorkflows.")
  static final class Get extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      try (Session session = new Session()) {
        for (String name : names) {
          print(find(session, name), output, out());
        }
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete CronWorkflows (their workflows stay).")
  static final class Delete extends Verb {

    @Parameters(arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Delete all CronWorkflows of the namespace")
    boolean all;

    @Override
    public Integer call() {
      if (names.isEmpty() == !all) {
        throw new UserException("name the CronWorkflows to delete, or give --all");
      }
      try (Session session = new Session()) {
        String ns = session.namespace(namespace);
        List<String> chosen = all ? crons(session).list(ns, null).stream()
            .map(cron -> cron.metadata().name()).toList() : names;
        for (String name : chosen) {
          if (!crons(session).delete(ns, name)) {
            throw new UserException(
                new ResourceNotFoundException(CronWorkflow.KIND, ns, name).getMessage());
          }
          out().println("CronWorkflow '" + name + "' deleted");
        }
      }
      out().flush();
      return 0;
    }
  }

  /** {@code suspend} and {@code resume}: set {@code spec.suspend}. */
  abstract static class Suspension extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    abstract boolean suspend();

    @Override
    public Integer call() {
      try (Session session = new Session()) {
        for (String name : names) {
          try {
            crons(session).setSuspended(session.namespace(namespace), name, suspend());
          } catch (ResourceNotFoundException | StaleResourceException e) {
            throw new UserException(e.getMessage());
          }
          out().println("CronWorkflow '" + name + "' " + (suspend() ? "suspended" : "resumed"));
        }
      }
      out().flush();
      return 0;
    }
  }

  @Command(name = "suspend", description = "Stop CronWorkflows from firing.")
  static final class Suspend extends Suspension {

    @Override
    boolean suspend() {
      return true;
    }
  }

  @Command(name = "resume", description = "Let suspended CronWorkflows fire again.")
  static final class Resume extends Suspension {

    @Override
    boolean suspend() {
      return false;
    }
  }

  @Command(name = "backfill",
      description = "Run a CronWorkflow once for each scheduled time in [--start, --end).")
  static final class BackfillVerb extends Verb {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--start", required = true,
        description = "First time: 2026-12-01T03:00:00Z, or local to the CronWorkflow's zone")
    String start;

    @Option(names = "--end", description = "End, exclusive (default: now)")
    String end;

    @Option(names = "--cap", description = "Refuse ranges with more runs than this")
    int cap = Backfill.DEFAULT_CAP;

    @Option(names = {"-o", "--output"}, description = "name")
    String output;

    @Override
    public Integer call() throws IOException {
      try (Session session = new Session()) {
        CronWorkflow cron = find(session, name);
        ZoneId zone = zoneOf(cron);
        Instant from = time("--start", start, zone);
        Instant until = end == null ? Instant.now() : time("--end", end, zone);
        List<ZonedDateTime> times;
        try {
          times = Backfill.scheduledTimes(cron.spec(), from, until, cap);
        } catch (IllegalArgumentException e) {
          throw new UserException(e.getMessage());
        }
        int created = submitAll(session, cron, times);
        startBackground(session);
        if (!"name".equals(output)) {
          out().println("backfill of " + name + ": " + created + " workflow"
              + (created == 1 ? "" : "s") + " created, " + (times.size() - created)
              + " already run");
        }
      }
      out().flush();
      return 0;
    }

    /** Creates one workflow per time; a time whose workflow exists already is not run again. */
    private int submitAll(Session session, CronWorkflow cron, List<ZonedDateTime> times) {
      int created = 0;
      String ns = cron.metadata().namespace();
      for (ZonedDateTime time : times) {
        Workflow prepared = Submission.plain().prepare(
            CronWorkflowRuns.scheduled(cron, time.toInstant()), ns, Instant.now());
        try {
          session.controller().accept(prepared);
          created++;
          out().println(prepared.metadata().name());
        } catch (NameConflictException alreadyRun) {
          continue;
        }
      }
      return created;
    }

    private static ZoneId zoneOf(CronWorkflow cron) {
      String zone = cron.spec().timezone();
      return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
    }

    private static Instant time(String option, String text, ZoneId zone) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notAnInstant) {
        try {
          return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
          } catch (DateTimeParseException e) {
            throw new UserException(option + " \"" + text + "\": expected a time such as"
                + " 2026-12-01T03:00:00Z, 2026-12-01T03:00 or 2026-12-01");
          }
        }
      }
    }
  }

  /**
   * Closes the session's store and starts the background controller, which fires CronWorkflows
   * while any is scheduled, unless {@code NAVIS_BACKGROUND=off} (a server runs them, or a test
   * wants no process left behind).
   */
  static void startBackground(Session session) throws IOException {
    String setting = System.getProperty("NAVIS_BACKGROUND", System.getenv("NAVIS_BACKGROUND"));
    if (!"off".equals(setting)) {
      session.close();
      BackgroundController.ensureRunning(session.config());
    }
  }

  static Optional<Instant> lastRun(CronWorkflow cron) {
    if (cron.status() == null) {
      return Optional.empty();
    }
    CronStatus status = CronStatus.fromJson(cron.status(), Instant.EPOCH);
    return Optional.ofNullable(status.state().lastScheduledTime());
  }

  static Optional<Instant> nextRun(CronWorkflow cron, Instant now) {
    if (Boolean.TRUE.equals(cron.spec().suspend())) {
      return Optional.empty();
    }
    try {
      return CronDecider.schedulesOf(cron.spec()).stream()
          .flatMap(schedule -> schedule.next(now).stream())
          .map(ZonedDateTime::toInstant)
          .min(Instant::compareTo);
    } catch (InvalidScheduleException e) {
      return Optional.empty();
    }
  }

  static void print(CronWorkflow cron, String output, PrintWriter out) {
    Instant now = Instant.now();
    var spec = cron.spec();
    List<List<String>> summary = new ArrayList<>();
    summary.add(List.of("Schedules:", String.join(",", spec.allSchedules())));
    summary.add(List.of("Timezone:", spec.timezone() == null ? "" : spec.timezone()));
    summary.add(List.of("Suspended:", Boolean.toString(Boolean.TRUE.equals(spec.suspend()))));
    summary.add(List.of("ConcurrencyPolicy:",
        spec.concurrencyPolicy() == null ? "Allow" : spec.concurrencyPolicy()));
    lastRun(cron).ifPresent(last -> summary.add(List.of("LastScheduledTime:", last.toString())));
    nextRun(cron, now).ifPresent(next ->
        summary.add(List.of("NextScheduledTime:", next + " (in " + Durations.shortForm(now, next)
            + ")")));
    if (cron.status() != null) {
      CronStatus status = CronStatus.fromJson(cron.status(), Instant.EPOCH);
      List<String> active = status.state().unfinishedWorkflows();
      if (!active.isEmpty()) {
        summary.add(List.of("Active Workflows:", String.join(", ", active)));
      }
      if (status.problem() != null) {
        summary.add(List.of("Conditions:", "SubmissionError: " + status.problem()));
      }
    }
    ResourcePrinter.printOne(cron, cron.metadata(), output, summary, out);
  }
}
