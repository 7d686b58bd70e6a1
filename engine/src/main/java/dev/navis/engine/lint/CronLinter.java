package dev.navis.engine.lint;

import dev.navis.api.model.CronWorkflowSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import dev.navis.engine.cron.CronSchedule;
import dev.navis.engine.cron.InvalidScheduleException;
import java.util.List;

/** Checks the schedule side of a CronWorkflow; its workflowSpec is a spec like any other. */
final class CronLinter {

  static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");

  private CronLinter() {}

  static void lintCron(Scope scope, CronWorkflowSpec cron) {
    TemplateLinter.lintEnum(scope, "spec.concurrencyPolicy", "spec.concurrencyPolicy",
        cron.concurrencyPolicy(), CONCURRENCY_POLICIES);
    lintSchedules(scope, cron);
    lintTimezone(scope, cron.timezone());
  }

  private static void lintSchedules(Scope scope, CronWorkflowSpec cron) {
    List<String> schedules = cron.allSchedules();
    if (schedules.isEmpty()) {
      scope.report("spec.schedules", "expected at least one cron schedule, found none");
    }
    boolean single = cron.schedule() != null && !cron.schedule().isBlank();
    for (int i = 0; i < schedules.size(); i++) {
      String schedule = schedules.get(i);
      String path = single && i == 0 ? "spec.schedule"
          : "spec.schedules[" + (single ? i - 1 : i) + "]";
      if (Values.templated(schedule)) {
        continue;
      }
      try {
        CronSchedule.parse(schedule, null);
      } catch (InvalidScheduleException e) {
        scope.report(path, "invalid cron " + e.getMessage());
      }
    }
  }

  private static void lintTimezone(Scope scope, String timezone) {
    if (timezone == null || timezone.isEmpty()) {
      return;
    }
    try {
      ZoneId.of(timezone);
    } catch (DateTimeException e) {
      scope.report("spec.timezone", "expected an IANA time zone such as Europe/Paris, found \""
          + timezone + "\"");
    }
  }
}
