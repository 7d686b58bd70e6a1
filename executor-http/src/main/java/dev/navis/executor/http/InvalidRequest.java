package dev.navis.executor.http;

/** A template that asks for a request that cannot be made; its message is the node's. */
final class InvalidRequest extends Exception {

  InvalidRequest(String message) {
    super(message);
  }
}
