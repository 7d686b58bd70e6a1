package dev.navis.store;

/**
 * The store could not do what was asked for a reason outside the caller's data: the database is
 * unreachable, a disk is full, a statement failed. The cause says which.
 */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
