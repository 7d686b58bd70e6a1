package dev.navis.events.source;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.FileEventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code file} events of an EventSource: watches {@code watchPathConfig.directory}
 * for files named {@code path} or matching {@code pathRegexp}, and publishes
 * {@code {name, op}} for each change of {@code eventType} (CREATE, WRITE, REMOVE). The JDK's
 * watch service reports a rename as REMOVE then CREATE, so RENAME is never seen here.
 */
public final class FileEventSourceRunner implements EventSourceRunner {

  private static final Logger log = LoggerFactory.getLogger(FileEventSourceRunner.class);
  private static final Map<WatchEvent.Kind<?>, String> OPS =
      Map.of(ENTRY_CREATE, "CREATE", ENTRY_MODIFY, "WRITE", ENTRY_DELETE, "REMOVE");

  private final List<WatchService> watchers = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private FileEventSourceRunner() {}

  /** Starts one watcher per file event; a bad folder or pattern is named in problems(). */
  public static FileEventSourceRunner start(EventSource source, EventBus bus, Clock clock) {
    FileEventSourceRunner runner = new FileEventSourceRunner();
    Map<String, FileEventSource> events = source.spec().file() == null ? Map.of()
        : source.spec().file();
    events.forEach((name, file) -> runner.watch(source, name, file, bus, clock));
    return runner;
  }

  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    for (WatchService watcher : watchers) {
      try {
        watcher.close();
      } catch (IOException e) {
        log.atWarn().setCause(e).log("closing a file watcher failed");
      }
    }
  }

  private void watch(EventSource source, String name, FileEventSource file, EventBus bus,
      Clock clock) {
    String at = "spec.file." + name;
    if (file.watchPathConfig() == null || file.watchPathConfig().directory() == null) {
      problems.add(at + ".watchPathConfig.directory: required");
      return;
    }
    Pattern names;
    try {
      names = namePattern(file.watchPathConfig());
    } catch (PatternSyntaxException e) {
      problems.add(at + ".watchPathConfig.pathRegexp: " + e.getDescription());
      return;
    }
    Path directory = Path.of(file.watchPathConfig().directory());
    try {
      WatchService watcher = FileSystems.getDefault().newWatchService();
      directory.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      watchers.add(watcher);
      String wanted = file.eventType() == null ? "" : file.eventType().toUpperCase(Locale.ROOT);
      Thread.ofVirtual().name("file-" + name).start(() -> loop(watcher, directory, names,
          wanted, event -> bus.publish(source.spec().eventBusName(), Event.of("file",
              source.metadata().name(), name, clock.instant(), event))));
    } catch (IOException e) {
      problems.add(at + ".watchPathConfig.directory: cannot watch " + directory + ": "
          + e.getMessage());
    }
  }

  private static Pattern namePattern(FileEventSource.WatchPathConfig config) {
    if (config.pathRegexp() != null && !config.pathRegexp().isEmpty()) {
      return Pattern.compile(config.pathRegexp());
    }
    return config.path() == null || config.path().isEmpty() ? Pattern.compile(".*")
        : Pattern.compile(Pattern.quote(config.path()));
  }

  private static void loop(WatchService watcher, Path directory, Pattern names, String wanted,
      Consumer<ObjectNode> publish) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        for (WatchEvent<?> change : key.pollEvents()) {
          String op = OPS.get(change.kind());
          if (change.kind() == OVERFLOW || op == null || !wanted.isEmpty() && !wanted.equals(op)
              || !names.matcher(change.context().toString()).matches()) {
            continue;
          }
          ObjectNode data = JsonNodeFactory.instance.objectNode();
          data.put("name", directory.resolve((Path) change.context()).toString());
          data.put("op", op);
          publish.accept(data);
        }
        key.reset();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      log.atDebug().addKeyValue("directory", directory).log("file watcher stopped");
    }
  }
}
