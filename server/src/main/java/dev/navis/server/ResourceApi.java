package dev.navis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.cron.CronWorkflows;
import dev.navis.controller.templates.WorkflowTemplates;
import dev.navis.store.NameConflictException;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.ResourceStore;
import dev.navis.store.StaleResourceException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Argo Server's template and CronWorkflow services: {@code /api/v1/workflow-templates/{ns}},
 * {@code /api/v1/cluster-workflow-templates} and {@code /api/v1/cron-workflows/{ns}}, each
 * with create, lint, list, get, update and delete; CronWorkflows also suspend and resume.
 */
final class ResourceApi {

  /** One kind's place in the store; {@code namespace} is null for cluster templates. */
  private interface Shelf {
    Object create(Object resource, String namespace);

    Object update(Object resource, String namespace);

    Optional<?> get(String namespace, String name);

    List<?> list(String namespace, String labelSelector);

    boolean delete(String namespace, String name);
  }

  /** How one kind is served: its path, the body field holding it, its record type. */
  private record Kind(String name, String path, String field, Class<?> type, Shelf shelf) {

    boolean cluster() {
      return !path.contains("{ns}");
    }
  }

  private final Supplier<ResourceStore> store;
  private final Runnable cronsChanged;

  /** @param cronsChanged tells the CronWorkflow runner to look again */
  ResourceApi(Supplier<ResourceStore> store, Runnable cronsChanged) {
    this.store = store;
    this.cronsChanged = cronsChanged;
  }

  void register(RoutesConfig routes) {
    serve(routes, new Kind(WorkflowTemplate.KIND, "/api/v1/workflow-templates/{ns}", "template",
        WorkflowTemplate.class, templates(false)));
    serve(routes, new Kind(WorkflowTemplate.CLUSTER_KIND, "/api/v1/cluster-workflow-templates",
        "template", WorkflowTemplate.class, templates(true)));
    Kind cron = new Kind(CronWorkflow.KIND, "/api/v1/cron-workflows/{ns}", "cronWorkflow",
        CronWorkflow.class, crons());
    serve(routes, cron);
    routes.put(cron.path() + "/{name}/suspend", ctx -> suspend(ctx, true));
    routes.put(cron.path() + "/{name}/resume", ctx -> suspend(ctx, false));
  }

  private void serve(RoutesConfig routes, Kind kind) {
    routes.post(kind.path(), ctx -> Http.send(ctx, create(ctx, kind)));
    routes.post(kind.path() + "/lint", ctx -> Http.send(ctx, valid(ctx, kind, null)));
    routes.get(kind.path(), ctx -> Http.send(ctx, Map.of("metadata", Map.of(),
        "items", list(ctx, kind))));
    routes.get(kind.path() + "/{name}", ctx -> Http.send(ctx, get(ctx, kind)));
    routes.put(kind.path() + "/{name}", ctx -> Http.send(ctx, update(ctx, kind)));
    routes.delete(kind.path() + "/{name}", ctx -> {
      if (!kind.shelf().delete(namespace(ctx, kind), ctx.pathParam("name"))) {
        throw notFound(kind, ctx);
      }
      changed(kind);
      Http.send(ctx, Map.of());
    });
  }

  private Object create(Context ctx, Kind kind) {
    Object resource = valid(ctx, kind, null);
    try {
      Object created = kind.shelf().create(resource, namespace(ctx, kind));
      changed(kind);
      return created;
    } catch (NameConflictException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private Object update(Context ctx, Kind kind) {
    Object resource = valid(ctx, kind, ctx.pathParam("name"));
    try {
      Object updated = kind.shelf().update(resource, namespace(ctx, kind));
      changed(kind);
      return updated;
    } catch (ResourceNotFoundException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (StaleResourceException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private List<?> list(Context ctx, Kind kind) {
    try {
      return kind.shelf().list(namespace(ctx, kind),
          ctx.queryParam("listOptions.labelSelector"));
    } catch (IllegalArgumentException badSelector) {
      throw ApiException.invalid(badSelector.getMessage());
    }
  }

  private Object get(Context ctx, Kind kind) {
    return kind.shelf().get(namespace(ctx, kind), ctx.pathParam("name"))
        .orElseThrow(() -> notFound(kind, ctx));
  }

  private void suspend(Context ctx, boolean suspended) {
    String namespace = Http.namespace(ctx);
    try {
      Http.send(ctx, new CronWorkflows(store.get()).setSuspended(namespace,
          ctx.pathParam("name"), suspended));
      cronsChanged.run();
    } catch (ResourceNotFoundException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }

  /** The body's resource, linted; its name is the path's on update. */
  private Object valid(Context ctx, Kind kind, String pathName) {
    JsonNode body = Http.body(ctx);
    if (pathName != null && body.get(kind.field()) instanceof
        com.fasterxml.jackson.databind.node.ObjectNode given) {
      given.withObjectProperty("metadata").put("name", pathName);
    }
    return Validation.validated(body, kind.field(), kind.name(), namespace(ctx, kind))
        .as(kind.type());
  }

  private static String namespace(Context ctx, Kind kind) {
    if (kind.cluster()) {
      Http.allNamespaces(ctx); // cluster-scoped: only a token for every namespace
      return null;
    }
    return Http.namespace(ctx);
  }

  private static ApiException notFound(Kind kind, Context ctx) {
    return ApiException.notFound(kind.name() + " \"" + ctx.pathParam("name") + "\" not found");
  }

  private void changed(Kind kind) {
    if (kind.type() == CronWorkflow.class) {
      cronsChanged.run();
    }
  }

  private Shelf templates(boolean cluster) {
    return new Shelf() {
      private WorkflowTemplates shelf() {
        return new WorkflowTemplates(store.get());
      }

      @Override
      public Object create(Object resource, String namespace) {
        return shelf().create((WorkflowTemplate) resource, namespace);
      }

      @Override
      public Object update(Object resource, String namespace) {
        return shelf().update((WorkflowTemplate) resource, namespace);
      }

      @Override
      public Optional<?> get(String namespace, String name) {
        return shelf().get(cluster, namespace, name);
      }

      @Override
      public List<?> list(String namespace, String labelSelector) {
        return shelf().list(cluster, namespace, labelSelector);
      }

      @Override
      public boolean delete(String namespace, String name) {
        return shelf().delete(cluster, namespace, name);
      }
    };
  }

  private Shelf crons() {
    return new Shelf() {
      private CronWorkflows shelf() {
        return new CronWorkflows(store.get());
      }

      @Override
      public Object create(Object resource, String namespace) {
        return shelf().create((CronWorkflow) resource, namespace);
      }

      @Override
      public Object update(Object resource, String namespace) {
        return shelf().update((CronWorkflow) resource, namespace);
      }

      @Override
      public Optional<?> get(String namespace, String name) {
        return shelf().get(namespace, name);
      }

      @Override
      public List<?> list(String namespace, String labelSelector) {
        return shelf().list(namespace, labelSelector);
      }

      @Override
      public boolean delete(String namespace, String name) {
        return shelf().delete(namespace, name);
      }
    };
  }
}
