package dev.navis.server;

/**
 * A request the server refuses, answered as Argo Server does: an HTTP status and a body
 * {@code {"code": <gRPC code>, "message": ...}}.
 */
public final class ApiException extends RuntimeException {

  private final int httpStatus;
  private final int grpcCode;

  private ApiException(int httpStatus, int grpcCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int grpcCode() {
    return grpcCode;
  }

  static ApiException invalid(String message) {
    return new ApiException(400, 3, message);
  }

  static ApiException failedPrecondition(String message) {
    return new ApiException(400, 9, message);
  }

  static ApiException unauthenticated(String message) {
    return new ApiException(401, 16, message);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, 7, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, 5, message);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, 6, message);
  }

  static ApiException tooLarge(String message) {
    return new ApiException(413, 8, message);
  }

  static ApiException unimplemented(String message) {
    return new ApiException(501, 12, message);
  }
}
