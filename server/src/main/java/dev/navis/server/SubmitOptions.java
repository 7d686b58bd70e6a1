package dev.navis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.controller.Submission;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Argo's {@code submitOptions}: {@code parameters} as {@code NAME=VALUE} strings,
 * {@code entryPoint}, {@code name}, {@code generateName}, {@code labels} as {@code a=b,c=d}.
 */
final class SubmitOptions {

  private SubmitOptions() {}

  static Submission submission(JsonNode options) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (JsonNode parameter : options.path("parameters")) {
      parameters.putAll(pair(parameter.asText(), "submitOptions.parameters"));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    String labelList = Http.text(options, "labels");
    if (labelList != null) {
      for (String label : labelList.split(",")) {
        labels.putAll(pair(label.trim(), "submitOptions.labels"));
      }
    }
    return new Submission(parameters, Http.text(options, "entryPoint"),
        Http.text(options, "name"), Http.text(options, "generateName"), labels);
  }

  private static Map<String, String> pair(String text, String field) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw ApiException.invalid(field + ": \"" + text + "\" is not NAME=VALUE");
    }
    return Map.of(text.substring(0, equals), text.substring(equals + 1));
  }
}
