package dev.navis.cli;

import dev.navis.controller.Controller;
import dev.navis.controller.cron.CronRunner;
import java.nio.channels.FileLock;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code navis controller}: runs the workflows no other process runs, until idle. */
@Command(name = "controller", hidden = true,
    description = "Run accepted workflows in the background (started by submit).")
final class ControllerCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ControllerCommand.class);
  private static final long POLL_MILLIS = 500;

  @Option(names = "--idle-exit", description = "Exit after this many idle seconds; 0: never")
  int idleExitSeconds = BackgroundController.IDLE_EXIT_SECONDS;

  @Override
  public Integer call() throws Exception {
    try (Session session = new Session()) {
      FileLock lock = BackgroundController.acquire(session.config().home());
      if (lock == null) {
        log.atInfo().log("another background controller runs; leaving");
        return 0;
      }
      session.store();
      BackgroundController.markReady(lock);
      try (CronRunner crons = CronRunner.forController(session.controller(), Clock.systemUTC())) {
        crons.start();
        runUntilIdle(session.controller(), crons);
      }
      lock.release();
      return 0;
    }
  }

  /** Idle means no workflow runs and no CronWorkflow waits to fire. */
  private void runUntilIdle(Controller controller, CronRunner crons)
      throws InterruptedException {
    long idleSince = System.currentTimeMillis();
    while (true) {
      controller.adoptUnclaimed(100);
      long now = System.currentTimeMillis();
      if (controller.activeCount() > 0 || crons.scheduledCount() > 0) {
        idleSince = now;
      } else if (idleExitSeconds > 0 && now - idleSince > idleExitSeconds * 1000L) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
