package dev.navis.store;

/**
 * An update named the resourceVersion it was based on, and the stored resource has changed
 * since: someone else's change would be lost. Read it again and redo the change.
 */
public class StaleResourceException extends RuntimeException {

  public StaleResourceException(String kind, String name, String given, long stored) {
    super(kind + " \"" + name + "\" was changed meanwhile: resourceVersion " + given
        + " was given, " + stored + " is stored; read it again and retry");
  }
}
