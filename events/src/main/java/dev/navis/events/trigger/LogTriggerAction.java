package dev.navis.events.trigger;

import dev.navis.api.Codec;
import dev.navis.events.Event;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code log} trigger: one log line per event, at most one per {@code intervalSeconds}. */
public final class LogTriggerAction implements TriggerAction {

  private static final Logger log = LoggerFactory.getLogger(LogTriggerAction.class);

  private final LongSupplier nanoClock;
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

  public LogTriggerAction() {
    this(System::nanoTime);
  }

  LogTriggerAction(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    Long interval = request.template().log() == null ? null
        : request.template().log().intervalSeconds();
    long now = nanoClock.getAsLong();
    long last = lastLogged.get();
    boolean due = interval == null || interval <= 0 || last == Long.MIN_VALUE
        || now - last >= interval * 1_000_000_000L;
    if (!due || !lastLogged.compareAndSet(last, now)) {
      return TriggerOutcome.succeeded("not logged: within intervalSeconds");
    }

    for (var entry : request.events().entrySet()) {
      Event event = entry.getValue();
      log.atInfo().addKeyValue("sensor", request.sensor())
          .addKeyValue("trigger", request.triggerName())
          .addKeyValue("dependency", entry.getKey()).addKeyValue("event", event.id())
          .addKeyValue("data", Codec.toJson(event.data())).log("event");
    }
    return TriggerOutcome.succeeded("logged " + request.events().size() + " event(s)");
  }
}
