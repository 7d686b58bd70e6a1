package dev.navis.executor.host;

import dev.navis.api.model.Container;
import dev.navis.api.model.EnvVar;
import dev.navis.api.model.Script;
import java.util.List;

/**
 * What one container of a node asks to run, whatever template it came from.
 *
 * @param scriptSource for script templates, the source to write to a file and pass after the
 *     command; null otherwise
 */
record ContainerSpec(
    String name,
    String image,
    List<String> command,
    List<String> args,
    List<EnvVar> env,
    String workingDir,
    List<String> dependencies,
    String scriptSource) {

  /** Argo names the one container of a container or script template {@code main}. */
  static final String MAIN = "main";

  /** The container of a container template, which Argo always names {@code main}. */
  static ContainerSpec ofMain(Container container) {
    return of(container, MAIN);
  }

  /** One container of a containerSet, under its own name. */
  static ContainerSpec ofSetMember(Container container, int index) {
    boolean named = container.name() != null && !container.name().isBlank();
    return of(container, named ? container.name() : "container-" + index);
  }

  private static ContainerSpec of(Container container, String name) {
    return new ContainerSpec(name, container.image(), orEmpty(container.command()),
        orEmpty(container.args()), orEmpty(container.env()), container.workingDir(),
        orEmpty(container.dependencies()), null);
  }

  static ContainerSpec of(Script script) {
    return new ContainerSpec(MAIN, script.image(), orEmpty(script.command()),
        orEmpty(script.args()), orEmpty(script.env()), script.workingDir(), List.of(),
        script.source() == null ? "" : script.source());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
