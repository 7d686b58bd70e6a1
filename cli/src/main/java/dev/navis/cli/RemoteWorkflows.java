package dev.navis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.engine.Occurrence.SetNodes;
import dev.navis.server.WorkflowOperations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The verbs through a Navis (or Argo) server's API: {@code --server URL}. */
final class RemoteWorkflows implements WorkflowService {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String server;
  private final String token;
  private final String defaultNamespace;
  private WatchPrinter watchPrinter;
  private PrintWriter logOut;

  RemoteWorkflows(String server, String token, String defaultNamespace) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
    this.defaultNamespace = defaultNamespace;
  }

  @Override
  public String namespace(String given) {
    return given != null ? given : defaultNamespace;
  }

  @Override
  public Workflow submit(Workflow prepared) {
    String body = Codec.toJson(Map.of("workflow", prepared));
    return as(send("POST", workflows(prepared.metadata().namespace()), body), Workflow.class);
  }

  @Override
  public Workflow submitFrom(String reference, String namespace, Submission submission) {
    int slash = reference.indexOf('/');
    Map<String, Object> options = new HashMap<>();
    options.put("parameters", submission.parameters().entrySet().stream()
        .map(parameter -> parameter.getKey() + "=" + parameter.getValue()).toList());
    putIfSet(options, "entryPoint", submission.entrypoint());
    putIfSet(options, "name", submission.name());
    putIfSet(options, "generateName", submission.generateName());
    if (!submission.labels().isEmpty()) {
      options.put("labels", submission.labels().entrySet().stream()
          .map(label -> label.getKey() + "=" + label.getValue())
          .collect(Collectors.joining(",")));
    }
    String body = Codec.toJson(Map.of(
        "resourceKind", slash > 0 ? reference.substring(0, slash) : reference,
        "resourceName", slash > 0 ? reference.substring(slash + 1) : "",
        "submitOptions", options));
    return as(send("POST", workflows(namespace(namespace)) + "/submit", body), Workflow.class);
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  @Override
  public Workflow get(String namespace, String name) {
    String ns = namespace(namespace);
    if ("@latest".equals(name)) {
      List<Workflow> newest = list(ns, Set.of(), null, 1);
      if (newest.isEmpty()) {
        throw new UserException("no workflows in namespace \"" + ns + "\"");
      }
      name = newest.getFirst().metadata().name();
    }
    return as(send("GET", one(ns, name), null), Workflow.class);
  }

  @Override
  public List<Workflow> list(String namespace, Set<String> phases, String labelSelector) {
    return list(namespace, phases, labelSelector, 0);
  }

  private List<Workflow> list(String namespace, Set<String> phases, String labelSelector,
      int limit) {
    StringBuilder query = new StringBuilder("?");
    if (labelSelector != null) {
      query.append("listOptions.labelSelector=").append(encode(labelSelector)).append('&');
    }
    if (limit > 0) {
      query.append("listOptions.limit=").append(limit).append('&');
    }
    List<Workflow> found = new ArrayList<>();
    for (JsonNode item : send("GET", workflows(namespace) + query, null).path("items")) {
      Workflow workflow = Codec.json().convertValue(item, Workflow.class);
      if (phases.isEmpty() || phases.contains(workflow.status().phase())) {
        found.add(workflow);
      }
    }
    return found;
  }

  @Override
  public void delete(Workflow workflow) {
    send("DELETE", one(workflow), null);
  }

  @Override
  public void request(Workflow workflow, String kind, String argument) {
    String field = "stop".equals(kind) ? "message" : "nodeFieldSelector";
    String body = argument != null ? Codec.toJson(Map.of(field, argument)) : "{}";
    send("PUT", one(workflow) + "/" + kind, body);
  }

  @Override
  public void setNodes(Workflow workflow, SetNodes set) {
    Map<String, Object> body = new HashMap<>();
    body.put("nodeFieldSelector", set.nodeFieldSelector());
    body.put("phase", set.phase());
    body.put("message", set.message());
    body.put("outputParameters", Codec.toJson(set.outputParameters()));
    send("PUT", one(workflow) + "/set", Codec.toJson(body));
  }

  @Override
  public Workflow retry(Workflow workflow, boolean restartSuccessful, String selector) {
    Map<String, Object> body = new HashMap<>();
    body.put("restartSuccessful", restartSuccessful);
    if (selector != null) {
      body.put("nodeFieldSelector", selector);
    }
    return as(send("PUT", one(workflow) + "/retry", Codec.toJson(body)), Workflow.class);
  }

  @Override
  public Workflow resubmit(Workflow original) {
    return as(send("PUT", one(original) + "/resubmit", "{}"), Workflow.class);
  }

  @Override
  public void follow(boolean watch, boolean log, PrintWriter out) {
    watchPrinter = watch ? new WatchPrinter(out) : null;
    logOut = log ? out : null;
  }

  /** Watches the workflow until it ends, drawing it and printing logs of ended nodes. */
  @Override
  public Workflow await(Workflow workflow) throws InterruptedException {
    String name = workflow.metadata().name();
    String path = "/api/v1/workflow-events/" + encode(workflow.metadata().namespace())
        + "?listOptions.fieldSelector=" + encode("metadata.name=" + name);
    Set<String> logged = new HashSet<>();
    stream(path, event -> {
      Workflow current = Codec.json().convertValue(event.at("/result/object"), Workflow.class);
      if (watchPrinter != null) {
        watchPrinter.draw(current);
      }
      if (logOut != null) {
        printEndedLogs(current, logged);
      }
      return "DELETED".equals(event.at("/result/type").asText())
          || WorkflowOperations.FINISHED.contains(current.status().phase());
    });
    return get(workflow.metadata().namespace(), name);
  }

  /** Prints each pod node's log once, when it has ended, as the in-process run does. */
  private void printEndedLogs(Workflow workflow, Set<String> logged) {
    Map<String, NodeStatus> nodes = workflow.status().nodes();
    if (nodes == null) {
      return;
    }
    for (NodeStatus node : nodes.values()) {
      if ("Pod".equals(node.type()) && WorkflowOperations.FINISHED.contains(node.phase())
          && logged.add(node.id())) {
        String path = one(workflow) + "/log?podName=" + encode(node.id())
            + "&logOptions.container=main";
        try {
          stream(path, line -> {
            logOut.println(node.name() + ": " + line.at("/result/content").asText());
            return false;
          });
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        logOut.flush();
      }
    }
  }

  @Override
  public void printLogs(Workflow workflow, String node, String container, boolean follow,
      PrintWriter out) throws InterruptedException {
    StringBuilder path = new StringBuilder(one(workflow)).append("/log?logOptions.container=")
        .append(encode(container)).append("&logOptions.follow=").append(follow);
    if (node != null) {
      path.append("&podName=").append(encode(node));
    }
    stream(path.toString(), line -> {
      String content = line.at("/result/content").asText();
      out.println(node == null ? line.at("/result/podName").asText() + ": " + content
          : content);
      out.flush();
      return false;
    });
  }

  @Override
  public void runInBackground() {
    // The server adopts and runs every workflow it stores.
  }

  @Override
  public void close() {
    http.close();
  }

  private String workflows(String namespace) {
    return "/api/v1/workflows/" + (namespace != null ? encode(namespace) : "");
  }

  private String one(String namespace, String name) {
    return workflows(namespace) + "/" + encode(name);
  }

  private String one(Workflow workflow) {
    return one(workflow.metadata().namespace(), workflow.metadata().name());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static <T> T as(JsonNode json, Class<T> type) {
    return Codec.json().convertValue(json, type);
  }

  private HttpRequest request(String method, String path, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server + path))
        .header("Content-Type", "application/json")
        .method(method, body != null ? HttpRequest.BodyPublishers.ofString(body)
            : HttpRequest.BodyPublishers.noBody());
    if (token != null && !token.isEmpty()) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  /** Sends one request; a refusal is a UserException with the server's message. */
  JsonNode send(String method, String path, String body) {
    try {
      HttpResponse<String> response =
          http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? Codec.json().createObjectNode()
          : Codec.json().readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        throw refusal(response.statusCode(), json);
      }
      return json;
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while talking to " + server);
    }
  }

  /** Reads a stream of JSON lines until {@code done} accepts one or the server ends it. */
  private void stream(String path, Predicate<JsonNode> done) throws InterruptedException {
    try {
      HttpResponse<InputStream> response = http.send(request("GET", path, null),
          HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        if (response.statusCode() / 100 != 2) {
          throw refusal(response.statusCode(), Codec.json().readTree(lines));
        }
        for (String line; (line = lines.readLine()) != null; ) {
          if (!line.isBlank() && done.test(Codec.json().readTree(line))) {
            return;
          }
        }
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private static UserException refusal(int status, JsonNode json) {
    String message = json != null && json.hasNonNull("message") ? json.get("message").asText()
        : "the server answered " + status;
    return new UserException(message);
  }

  private UserException unreachable(IOException e) {
    String why = e instanceof ConnectException ? "connection refused" : e.toString();
    return new UserException("cannot reach the Navis server at " + server + ": " + why);
  }
}
