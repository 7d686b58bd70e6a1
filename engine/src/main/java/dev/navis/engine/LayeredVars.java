package dev.navis.engine;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of several variable maps, later ones winning. Looking a name up costs the
 * number of layers, not a copy of a large scope per step or task started.
 */
final class LayeredVars extends AbstractMap<String, String> {

  private final List<Map<String, String>> layers;
  private Map<String, String> merged;

  LayeredVars(List<Map<String, String>> layers) {
    this.layers = layers;
  }

  @Override
  public String get(Object key) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      String value = layers.get(i).get(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    if (merged == null) {
      merged = new HashMap<>();
      layers.forEach(merged::putAll);
    }
    return merged.entrySet();
  }
}
