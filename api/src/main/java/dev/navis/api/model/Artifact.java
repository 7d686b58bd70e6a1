package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A file or folder passed into or out of a template. Cloud stores stay untyped here. */
public record Artifact(
    String name,
    String path,
    String from,
    String fromExpression,
    String mode,
    Boolean optional,
    String globalName,
    String subPath,
    Boolean recurseMode,
    Boolean deleted,
    Boolean archiveLogs,
    RawArtifact raw,
    HttpArtifact http,
    JsonNode archive,
    JsonNode s3,
    JsonNode git,
    JsonNode gcs,
    JsonNode oss,
    JsonNode azure,
    JsonNode hdfs,
    JsonNode artifactory,
    JsonNode plugin,
    JsonNode artifactGC,
    String key,
    Boolean useSDKCreds) {

  /** Literal artifact content. */
  public record RawArtifact(String data) {}

  /** An artifact fetched over HTTP. */
  public record HttpArtifact(String url, JsonNode headers, JsonNode auth) {}
}
