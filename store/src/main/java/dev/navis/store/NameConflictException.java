package dev.navis.store;

/** A resource with that namespace and name is already stored. */
public class NameConflictException extends RuntimeException {

  public NameConflictException(String kind, String namespace, String name) {
    super(kind + " \"" + name + "\" already exists"
        + (namespace == null || namespace.isEmpty() ? "" : " in namespace \"" + namespace + "\""));
  }
}
