package dev.navis.events.trigger;

/**
 * One kind of trigger ({@code log}, {@code http}, {@code argoWorkflow}...): does what a trigger
 * template says, with the events that fired it. A failure the user can fix (a refused request,
 * a bad resource) is a {@link TriggerOutcome#failed} outcome, never an exception; the sensor
 * retries it by the trigger's {@code retryStrategy}, then hands it to the {@code dlqTrigger}.
 *
 * <p>Implementations are thread-safe and may block (they run on virtual threads).
 */
@FunctionalInterface
public interface TriggerAction {

  TriggerOutcome execute(TriggerRequest request);
}
