package dev.navis.events.source;

import java.util.List;

/**
 * The running events of one type ({@code webhook}, {@code nats}...) of one EventSource. A
 * runner starts what it can and names the rest in {@link #problems()}; closing it stops its
 * events at once.
 */
public interface EventSourceRunner extends AutoCloseable {

  /** What could not start, each as {@code field.path: reason}. */
  List<String> problems();

  @Override
  void close();
}
