package dev.navis.server;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** {@code /api/v1/info}, {@code /api/v1/version}, {@code /openapi.json}: open to everyone. */
final class InfoApi {

  private final String openApi = resource("/navis-openapi.json");
  private final Map<String, String> version = version();

  void register(RoutesConfig routes) {
    routes.get("/api/v1/info", ctx -> Http.send(ctx, Map.of("links", List.of(),
        "columns", List.of(), "modals", Map.of())));
    routes.get("/api/v1/version", ctx -> Http.send(ctx, version));
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }

  private static Map<String, String> version() {
    Properties build = new Properties();
    try (InputStream in = InfoApi.class.getResourceAsStream("/navis-version.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build's version", e);
    }
    return Map.of(
        "version", "v" + build.getProperty("version", "unknown"),
        "compiler", "javac",
        "platform", System.getProperty("os.name").toLowerCase() + "/"
            + System.getProperty("os.arch"),
        "goVersion", "java " + Runtime.version());
  }

  private static String resource(String name) {
    try (InputStream in = InfoApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
