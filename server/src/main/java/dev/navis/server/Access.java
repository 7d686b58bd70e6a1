package dev.navis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may touch which namespace. In {@code server} mode everyone may touch everything (a
 * laptop); in {@code client} mode a request carries a bearer token from the tokens file, and
 * the token names the namespaces it may touch ({@code *} for all).
 */
final class Access {

  static final String ALL = "*";

  private final Map<String, Set<String>> namespacesByToken;

  private Access(Map<String, Set<String>> namespacesByToken) {
    this.namespacesByToken = namespacesByToken;
  }

  static Access open() {
    return new Access(null);
  }

  /**
   * Reads the tokens file: a YAML list of {@code {token: ..., namespaces: [...]}}.
   *
   * @throws IllegalArgumentException when the file is missing or malformed (a startup error)
   */
  static Access fromTokensFile(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("auth mode client needs a tokens file (--auth-tokens)");
    }
    JsonNode list;
    try {
      list = Codec.yaml().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the tokens file", e);
    }
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + ": expected a list of {token, namespaces}");
    }
    Map<String, Set<String>> tokens = new HashMap<>();
    for (JsonNode entry : list) {
      String token = entry.path("token").asText("");
      if (token.isEmpty() || !entry.path("namespaces").isArray()) {
        throw new IllegalArgumentException(file + ": each entry needs a token and namespaces");
      }
      List<String> namespaces = Codec.yaml().convertValue(entry.get("namespaces"), List.class);
      tokens.put(token, Set.copyOf(namespaces));
    }
    return new Access(tokens);
  }

  boolean required() {
    return namespacesByToken != null;
  }

  /** The namespaces an {@code Authorization} header grants; 401 when it grants nothing. */
  Set<String> authenticate(String authorization) {
    if (!required()) {
      return Set.of(ALL);
    }
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      throw ApiException.unauthenticated("a bearer token is required (Authorization header)");
    }
    Set<String> namespaces = namespacesByToken.get(authorization.substring(7).trim());
    if (namespaces == null) {
      throw ApiException.unauthenticated("the bearer token is not valid");
    }
    return namespaces;
  }

  /** Refuses with 403 a namespace the grant does not cover; empty means all namespaces. */
  static void check(Set<String> granted, String namespace) {
    if (granted.contains(ALL) || (!namespace.isEmpty() && granted.contains(namespace))) {
      return;
    }
    String which = namespace.isEmpty() ? "all namespaces" : "namespace \"" + namespace + "\"";
    throw ApiException.forbidden("the token may not access " + which);
  }
}
