package dev.navis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.controller.NavisConfig;
import dev.navis.server.events.EventResources;
import dev.navis.store.NameConflictException;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.StaleResourceException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * EventSources and Sensors wherever they live: in the store of this process (a running
 * {@code navis server} on the same store applies them within seconds), or through a server's
 * API. Both fail alike, with a {@link UserException}.
 */
interface EventResourceService extends AutoCloseable {

  /** The server named by {@code --server} or {@code NAVIS_SERVER}, else the store here. */
  static EventResourceService open(CommandSpec spec) {
    String server = WorkflowServices.serverOf(spec);
    return server == null ? new Local() : new Remote(new RemoteWorkflows(server,
        WorkflowServices.tokenOf(spec), NavisConfig.fromEnvironment().namespace()));
  }

  /** The namespace a command means: the one given, else the configured default. */
  String namespace(String given);

  JsonNode create(String kind, String namespace, JsonNode resource);

  /** Creates the resource, or replaces the one of the same name. */
  EventResources.Applied apply(String kind, String namespace, JsonNode resource);

  Optional<JsonNode> get(String kind, String namespace, String name);

  /** @param namespace null for every namespace */
  List<JsonNode> list(String kind, String namespace, String labelSelector);

  boolean delete(String kind, String namespace, String name);

  @Override
  void close();

  /** In this process, on the configured store. */
  final class Local implements EventResourceService {

    private final Session session = new Session();

    private EventResources resources() {
      return new EventResources(session.store().resources());
    }

    @Override
    public String namespace(String given) {
      return session.namespace(given);
    }

    @Override
    public JsonNode create(String kind, String namespace, JsonNode resource) {
      try {
        return resources().create(kind, namespace, resource);
      } catch (NameConflictException e) {
        throw new UserException(e.getMessage() + "; use apply to change it");
      }
    }

    @Override
    public EventResources.Applied apply(String kind, String namespace, JsonNode resource) {
      try {
        return resources().apply(kind, namespace, resource);
      } catch (ResourceNotFoundException | StaleResourceException | NameConflictException e) {
        throw new UserException(e.getMessage() + " (changed meanwhile); try again");
      }
    }

    @Override
    public Optional<JsonNode> get(String kind, String namespace, String name) {
      return resources().get(kind, namespace, name);
    }

    @Override
    public List<JsonNode> list(String kind, String namespace, String labelSelector) {
      try {
        return resources().list(kind, namespace, labelSelector);
      } catch (IllegalArgumentException badSelector) {
        throw new UserException(badSelector.getMessage());
      }
    }

    @Override
    public boolean delete(String kind, String namespace, String name) {
      return resources().delete(kind, namespace, name);
    }

    @Override
    public void close() {
      session.close();
    }
  }

  /** Through a Navis server's {@code /api/v1/event-sources} and {@code /api/v1/sensors}. */
  final class Remote implements EventResourceService {

    private final RemoteWorkflows server;

    Remote(RemoteWorkflows server) {
      this.server = server;
    }

    private static String path(String kind, String namespace) {
      String plural = kind.equals("Sensor") ? "sensors" : "event-sources";
      return "/api/v1/" + plural + "/" + encode(namespace);
    }

    private static String field(String kind) {
      return kind.equals("Sensor") ? "sensor" : "eventSource";
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String namespace(String given) {
      return server.namespace(given);
    }

    @Override
    public JsonNode create(String kind, String namespace, JsonNode resource) {
      String body = Codec.toJson(Map.of("namespace", namespace, field(kind), resource));
      return server.send("POST", path(kind, namespace), body);
    }

    @Override
    public EventResources.Applied apply(String kind, String namespace, JsonNode resource) {
      String name = resource.path("metadata").path("name").asText();
      if (get(kind, namespace, name).isEmpty()) {
        return new EventResources.Applied(create(kind, namespace, resource), true);
      }
      JsonNode unversioned = resource.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) unversioned)
          .withObjectProperty("metadata").remove("resourceVersion");
      String body = Codec.toJson(Map.of("namespace", namespace, "name", name,
          field(kind), unversioned));
      return new EventResources.Applied(server.send("PUT", path(kind, namespace) + "/"
          + encode(name), body), false);
    }

    @Override
    public Optional<JsonNode> get(String kind, String namespace, String name) {
      try {
        return Optional.of(server.send("GET", path(kind, namespace) + "/" + encode(name),
            null));
      } catch (UserException e) {
        if (e.getMessage().contains("not found")) {
          return Optional.empty();
        }
        throw e;
      }
    }

    @Override
    public List<JsonNode> list(String kind, String namespace, String labelSelector) {
      if (namespace == null) {
        throw new UserException("listing every namespace needs no --server, or one namespace");
      }
      String query = labelSelector == null ? ""
          : "?listOptions.labelSelector=" + encode(labelSelector);
      List<JsonNode> items = new ArrayList<>();
      server.send("GET", path(kind, namespace) + query, null).path("items")
          .forEach(items::add);
      return items;
    }

    @Override
    public boolean delete(String kind, String namespace, String name) {
      try {
        server.send("DELETE", path(kind, namespace) + "/" + encode(name), null);
        return true;
      } catch (UserException e) {
        if (e.getMessage().contains("not found")) {
          return false;
        }
        throw e;
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
