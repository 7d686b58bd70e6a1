package dev.navis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submit throughput of a running server: {@code count} hello-world workflows POSTed by
 * {@code clients} concurrent clients, then the time until every one is Succeeded, polling the
 * list endpoint with a phase selector. Each run labels its workflows, so runs do not mix.
 *
 * <p>Usage: {@code ApiLoad BASE_URL [COUNT] [CLIENTS]}.
 */
public final class ApiLoad {

  private static final String NAMESPACE = "default";
  private static final long GIVE_UP_MS = 300_000;

  private ApiLoad() {}

  public static void main(String[] args) throws Exception {
    Api api = new Api(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String run = "r" + UUID.randomUUID().toString().substring(0, 8);

    long start = System.nanoTime();
    submitAll(api, helloWorld(run), count, clients);
    long submitted = System.nanoTime();
    int succeeded = awaitSucceeded(api, "navis-bench=" + run, count, start);
    long done = System.nanoTime();

    double submitSeconds = (submitted - start) / 1e9;
    System.out.printf("submitted %d workflows with %d clients in %.2f s: %.0f submits/s%n",
        count, clients, submitSeconds, count / submitSeconds);
    System.out.printf("%d of %d Succeeded %.2f s after the first submit%n",
        succeeded, count, (done - start) / 1e9);
  }

  /** Each client takes the next number until all are taken, so the count is exact. */
  private static void submitAll(Api api, String body, int count, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        futures.add(pool.submit(() -> {
          while (next.getAndIncrement() < count) {
            api.post("/api/v1/workflows/" + NAMESPACE, body);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(); // a failed submit ends the benchmark with its status and body
      }
    }
  }

  /** Polls every 100 ms; gives up after five minutes, reporting how many got there. */
  private static int awaitSucceeded(Api api, String selector, int count, long start)
      throws Exception {
    int succeeded = 0;
    while (succeeded < count && System.nanoTime() - start < GIVE_UP_MS * 1_000_000) {
      JsonNode list = api.listWorkflows(NAMESPACE, selector, "Succeeded");
      succeeded = list.path("items").size();
      if (succeeded < count) {
        Thread.sleep(100);
      }
    }
    return succeeded;
  }

  private static String helloWorld(String run) {
    return """
        {"workflow": {
          "metadata": {"generateName": "hello-", "labels": {"navis-bench": "%s"}},
          "spec": {
            "entrypoint": "greet",
            "templates": [{"name": "greet",
              "container": {"image": "alpine:3.20", "command": ["echo"], "args": ["hello"]}}]
          }}}
        """.formatted(run);
  }
}
