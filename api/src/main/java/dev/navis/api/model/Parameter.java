package dev.navis.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A named string value. Scalars of any YAML type are read as strings, as Argo's AnyString does.
 */
public record Parameter(
    String name,
    String value,
    @JsonProperty("default") String defaultValue,
    @JsonProperty("enum") List<String> enumValues,
    ValueFrom valueFrom,
    String globalName,
    String description) {

  public Parameter withValue(String newValue) {
    return new Parameter(name, newValue, defaultValue, enumValues, valueFrom, globalName,
        description);
  }

  public static Parameter of(String name, String value) {
    return new Parameter(name, value, null, null, null, null, null);
  }
}
