package dev.navis.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Artifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where artifacts live between nodes: a store of files and folders under string keys, as
 * Argo's artifact repositories (S3 buckets and the like) are.
 *
 * <p>The contract every repository keeps:
 *
 * <ul>
 *   <li>A key is a relative, slash-separated path; {@code ..} segments are refused.
 *   <li>{@link #store} with {@code archived} true keeps a tar+gzip archive of the file or
 *       folder (Argo's default); false keeps the file or folder as it is ({@code archive:
 *       none}). Storing a key again replaces what it held.
 *   <li>{@link #fetch} places what a key holds at the target path, unpacking an archive made
 *       by {@link #store}, so a node sees the same file or folder its producer wrote.
 *   <li>Missing keys and unreadable sources are {@link IOException}s with a message that names
 *       the key; callers turn them into a node in {@code Error}.
 * </ul>
 */
public interface ArtifactRepository {

  /** Stores whose {@code key} makes a key-only artifact in the default repository. */
  List<String> KEYED_STORES = List.of("s3", "gcs", "oss", "azure", "hdfs", "artifactory");

  /**
   * The key an artifact names itself: its {@code key}, or the {@code key} of a store such as
   * {@code s3} (Argo's key-only artifacts, resolved against the default repository); null
   * when it names none.
   */
  static String keyOf(Artifact artifact) {
    if (artifact.key() != null) {
      return artifact.key();
    }
    JsonNode tree = Codec.json().valueToTree(artifact);
    for (String store : KEYED_STORES) {
      JsonNode key = tree.path(store).path("key");
      if (key.isTextual()) {
        return key.asText();
      }
    }
    return null;
  }

  /** Stores the file or folder at {@code source} under {@code key}. */
  void store(Path source, String key, boolean archived) throws IOException;

  /** Places what {@code key} holds at {@code target}, unpacked when it is an archive. */
  void fetch(String key, Path target) throws IOException;

  /** Whether something is stored under {@code key}. */
  boolean exists(String key);

  /** The file or folder that holds {@code key}, for readers that want the bytes as stored. */
  Path locate(String key) throws IOException;
}
