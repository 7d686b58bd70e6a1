package dev.navis.controller;

import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeListener;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.executor.http.HttpNodeExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The executors a Navis process runs nodes with: http templates by HTTP, the rest on the host. */
public final class NodeExecutors {

  private NodeExecutors() {}

  /**
   * Host processes under {@code config.runs()}, with the user's image table from
   * {@code images.yaml} in the Navis home, and http templates as requests.
   *
   * @throws UncheckedIOException when the image table exists but cannot be read
   */
  public static NodeExecutor standard(NavisConfig config, NodeListener listener) {
    Path imagesFile = config.home().resolve("images.yaml");
    ImageTable images;
    try {
      images = ImageTable.load(imagesFile);
    } catch (IOException e) {
      throw new UncheckedIOException(imagesFile + ": cannot read the image table: "
          + e.getMessage(), e);
    }
    return withHttp(new HostExecutor(config.runs(), listener, images), listener);
  }

  /** {@code host} for everything but http templates, which go to an HTTP executor. */
  public static NodeExecutor withHttp(NodeExecutor host, NodeListener listener) {
    return HttpNodeExecutor.alongside(host, listener);
  }
}
