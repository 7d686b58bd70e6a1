package dev.navis.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Argo resources from YAML (one or many documents) and JSON files, keeping where each
 * field stands. A user's mistake (malformed text, a value of the wrong shape) becomes a
 * {@link Problem}; only bugs throw. Non-Argo documents (ConfigMap, Secret...) are skipped.
 */
public final class Resources {

  /** The argoproj.io API group prefix of every Argo apiVersion. */
  public static final String ARGO_GROUP = "argoproj.io/";

  private static final Map<String, Class<?>> KINDS = Map.of(
      Workflow.KIND, Workflow.class,
      WorkflowTemplate.KIND, WorkflowTemplate.class,
      WorkflowTemplate.CLUSTER_KIND, WorkflowTemplate.class,
      CronWorkflow.KIND, CronWorkflow.class,
      EventSource.KIND, EventSource.class,
      Sensor.KIND, Sensor.class);

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  private Resources() {}

  /** The record class Navis reads {@code kind} into, or null for a kind it does not model. */
  public static Class<?> typeOf(String kind) {
    return kind == null ? null : KINDS.get(kind);
  }

  /** Reads a file; a file that cannot be read becomes a problem, not an exception. */
  public static ParseResult read(Path file) {
    String name = file.toString();
    try {
      return parse(name, Files.readString(file));
    } catch (MalformedInputException e) {
      return failed(name, "cannot read file: not UTF-8 text");
    } catch (IOException e) {
      return failed(name, "cannot read file: " + describe(e));
    }
  }

  /** Parses {@code text}; {@code file} names it in problems and decides JSON (*.json) or YAML. */
  public static ParseResult parse(String file, String text) {
    List<ParsedResource> resources = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    JsonFactory factory = file.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try (JsonParser parser = factory.createParser(text)) {
      readDocuments(parser, text, file, resources, problems);
    } catch (JsonProcessingException e) {
      problems.add(Conversions.syntaxProblem(file, e));
    } catch (IOException e) {
      throw new IllegalStateException("reading from a string failed", e);
    }
    return new ParseResult(resources, problems);
  }

  private static void readDocuments(JsonParser parser, String text, String file,
      List<ParsedResource> resources, List<Problem> problems) throws IOException {
    TreeReader reader = new TreeReader(parser, text, file, problems);
    int document = 0;
    while (parser.nextToken() != null) {
      PositionMap positions = new PositionMap();
      JsonLocation start = parser.currentTokenLocation();
      positions.put("", start.getLineNr(), start.getColumnNr());

      JsonNode tree = reader.readValue("", positions);
      ParsedResource resource = toResource(file, document, tree, positions, problems);
      if (resource != null) {
        resources.add(resource);
      }
      document++;
    }
  }

  private static ParsedResource toResource(String file, int document, JsonNode tree,
      PositionMap positions, List<Problem> problems) {
    String apiVersion = textAt(tree, "apiVersion");
    String kind = textAt(tree, "kind");
    Class<?> type = typeOf(kind);
    // An Argo kind under a missing or misspelt argoproj version is a mistake worth naming;
    // under another group it is someone else's resource.
    boolean argoish = apiVersion == null || apiVersion.startsWith("argoproj");
    boolean argo = apiVersion != null && apiVersion.startsWith(ARGO_GROUP);
    if (!tree.isObject() || !argo && !(type != null && argoish)) {
      return null;
    }
    ParsedResource parsed =
        new ParsedResource(file, document, apiVersion, kind, tree, null, positions);
    checkIdentity(parsed, type, problems);
    if (type == null) {
      return parsed;
    }
    Object resource = convert(parsed, type, problems);
    return new ParsedResource(file, document, apiVersion, kind, tree, resource, positions);
  }

  private static void checkIdentity(ParsedResource parsed, Class<?> type, List<Problem> problems) {
    if (parsed.kind() == null) {
      problems.add(parsed.problem("kind", "expected the kind of an Argo resource, found "
          + Conversions.describeNode(parsed.tree().get("kind"))));
    }
    if (type != null && !Workflow.API_VERSION.equals(parsed.apiVersion())) {
      problems.add(parsed.problem("apiVersion", "expected " + Workflow.API_VERSION + ", found "
          + Conversions.describeNode(parsed.tree().get("apiVersion"))));
    }
  }

  private static String textAt(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  // TODO: only the first value of the wrong shape per document is reported, as Jackson stops
  // there; walking the tree against the records (as FieldCheck does) would report them all.
  private static Object convert(ParsedResource parsed, Class<?> type, List<Problem> problems) {
    try {
      return Codec.json().treeToValue(parsed.tree(), type);
    } catch (JsonMappingException e) {
      problems.add(Conversions.problem(parsed, e));
      return null;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("converting a tree failed", e);
    }
  }

  private static ParseResult failed(String file, String message) {
    return new ParseResult(List.of(), List.of(new Problem(file, 0, 0, "", message)));
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
