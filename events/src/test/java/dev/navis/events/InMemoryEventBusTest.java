package dev.navis.events;

import java.time.Duration;

/** The bus contract on the in-memory bus. */
class InMemoryEventBusTest extends EventBusContract {

  @Override
  protected EventBus newBus() {
    return new InMemoryEventBus(1000, Duration.ofMillis(20));
  }
}
