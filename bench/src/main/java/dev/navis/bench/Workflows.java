package dev.navis.bench;

/** The workflows the benchmarks run, written out as YAML. */
final class Workflows {

  private Workflows() {}

  static String fanOut(int items, int parallelism) {
    return """
        metadata: {name: fan-out}
        spec:
          entrypoint: main
          templates:
          - name: main
            parallelism: %d
            steps:
            - - name: work
                template: work
                withSequence: {count: "%d"}
                arguments: {parameters: [{name: n, value: "{{item}}"}]}
          - name: work
            inputs: {parameters: [{name: n}]}
            container: {image: alpine, command: ["true"]}
        """.formatted(parallelism, items);
  }

  static String layeredDag(int width, int depth) {
    StringBuilder yaml = new StringBuilder("""
        metadata: {name: layered}
        spec:
          entrypoint: main
          templates:
          - name: work
            container: {image: alpine, command: ["true"]}
          - name: main
            dag:
              tasks:
        """);
    for (int layer = 0; layer < depth; layer++) {
      for (int i = 0; i < width; i++) {
        yaml.append("      - {name: t").append(layer).append('-').append(i)
            .append(", template: work");
        if (layer > 0) {
          yaml.append(", depends: t").append(layer - 1).append('-').append(i);
        }
        yaml.append("}\n");
      }
    }
    return yaml.toString();
  }
}
