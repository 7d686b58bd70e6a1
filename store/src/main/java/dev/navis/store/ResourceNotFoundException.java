package dev.navis.store;

/** No resource of that kind, namespace and name is stored. */
public class ResourceNotFoundException extends RuntimeException {

  public ResourceNotFoundException(String kind, String namespace, String name) {
    super(kind + " \"" + name + "\" not found"
        + (namespace == null || namespace.isEmpty() ? "" : " in namespace \"" + namespace + "\""));
  }
}
