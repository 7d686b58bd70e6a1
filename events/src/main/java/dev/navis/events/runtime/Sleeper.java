package dev.navis.events.runtime;

import java.time.Duration;

/** Waits between trigger attempts; tests record the waits instead. */
@FunctionalInterface
public interface Sleeper {

  Sleeper REAL = duration -> Thread.sleep(duration);

  void sleep(Duration duration) throws InterruptedException;
}
