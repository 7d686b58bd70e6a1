package dev.navis.controller.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.model.CronWorkflow;
import dev.navis.controller.Controller;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowQuery;
import dev.navis.store.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A CronWorkflow fired in real time by a runner inside a controller with host processes. */
class CronRunnerLiveTest {

  @Test
  void anEveryTwoSecondsCronRunsTwiceWithinSixSeconds() throws Exception {
    Path home = Files.createTempDirectory("navis-cron-live");
    try (WorkflowStore store = Stores.open("h2:" + home + "/");
        Controller controller = new Controller(store, listener -> new HostExecutor(
            home.resolve("runs"), listener, ImageTable.defaults()), Clock.systemUTC());
        CronRunner runner = CronRunner.forController(controller, Clock.systemUTC())) {
      new CronWorkflows(store.resources()).create(Codec.yaml().readValue("""
          apiVersion: argoproj.io/v1alpha1
          kind: CronWorkflow
          metadata: {name: tick}
          spec:
            schedules: ['@every 2s']
            workflowSpec:
              entrypoint: main
              templates: [{name: main, container: {image: alpine, command: [echo, tick]}}]
          """, CronWorkflow.class), "default");

      runner.start();
      List<StoredWorkflow> succeeded = awaitSucceeded(store, 2, Duration.ofSeconds(6));

      assertThat(succeeded).hasSizeGreaterThanOrEqualTo(2);
      assertThat(succeeded).allSatisfy(workflow -> assertThat(workflow.name())
          .startsWith("tick-"));
    }
  }

  private static List<StoredWorkflow> awaitSucceeded(WorkflowStore store, int count,
      Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    WorkflowQuery query = new WorkflowQuery("default", Set.of("Succeeded"),
        CronWorkflowRuns.CRON_LABEL + "=tick", 0);
    List<StoredWorkflow> found = store.list(query);
    while (found.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
      found = store.list(query);
    }
    return found;
  }
}
