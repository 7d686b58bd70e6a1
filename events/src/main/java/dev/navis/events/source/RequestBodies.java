package dev.navis.events.source;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads each request's body before any handler answers it. Jetty closes a connection whose
 * body is still unread when the answer goes out, and a client that already sent its next
 * request on that kept-alive connection gets no answer at all ("header parser received no
 * bytes" from the JDK's client). Reading first keeps every answer on a reusable connection.
 */
public final class RequestBodies {

  // A refused body larger than this is not read: the connection is closed under it instead.
  private static final long DISCARD_LIMIT_BYTES = 16L * 1024 * 1024;

  private RequestBodies() {}

  /**
   * Reads the body of {@code ctx} into its cache, where {@code ctx.body()} finds it later;
   * returns false, with the body read and dropped, when it declares more than {@code limit}
   * bytes.
   */
  public static boolean readWithin(Context ctx, long limit) {
    long length = ctx.contentLength();
    if (length > limit) {
      discard(ctx, length);
      return false;
    }
    if (length != 0) {
      ctx.bodyAsBytes();
    }
    return true;
  }

  private static void discard(Context ctx, long length) {
    if (length > DISCARD_LIMIT_BYTES) {
      return;
    }
    try (InputStream body = ctx.req().getInputStream()) {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The client went away; there is nobody to answer.
    }
  }
}
