package dev.navis.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Reading requests and writing JSON answers and streams, the same way on every route. */
final class Http {

  static final String GRANTED = "navis.granted";

  private Http() {}

  /** The path's namespace, if the request's token may touch it. */
  static String namespace(Context ctx) {
    String namespace = ctx.pathParam("ns");
    Access.check(granted(ctx), namespace);
    return namespace;
  }

  /** Null, meaning every namespace, if the request's token may touch them all. */
  static String allNamespaces(Context ctx) {
    Access.check(granted(ctx), "");
    return null;
  }

  private static Set<String> granted(Context ctx) {
    Set<String> granted = ctx.attribute(GRANTED);
    return granted != null ? granted : Set.of();
  }

  /** The body as JSON; an empty body is an empty object. */
  static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return Codec.json().createObjectNode();
    }
    try {
      return Codec.json().readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("the body is not JSON: " + e.getOriginalMessage());
    }
  }

  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  static void send(Context ctx, Object value) {
    ctx.contentType("application/json").result(Codec.toJson(value));
  }

  /** Commits a 200 answer whose body is newline-delimited JSON written as it comes. */
  static OutputStream startStream(Context ctx) throws IOException {
    ctx.status(200).contentType("application/json");
    OutputStream out = ctx.res().getOutputStream();
    out.flush();
    return out;
  }

  static void writeLine(OutputStream out, Object value) throws IOException {
    out.write((Codec.toJson(value) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
