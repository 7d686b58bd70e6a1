package dev.navis.executor.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps container images to host entrypoints: on a host the image is only a hint of which tool
 * the container expects.
 *
 * <p>Rules are tried in order, the user's first, then the built-in ones; the first whose
 * pattern matches the image wins. A pattern is a glob ({@code *} matches anything) against the
 * image reference without its registry prefix ({@code docker.io/library/}); a pattern without a
 * {@code :} also matches any tag of the image. Like an image, a rule has an {@code entrypoint},
 * run with the template's {@code args} when the template has no {@code command}, and a
 * {@code cmd}, the default args when the template has neither; {@code commands} rewrite the
 * first word of a given command (for example {@code argosay} to the host tool).
 *
 * <p>The user's file ({@code $NAVIS_HOME/images.yaml}) reads:
 *
 * <pre>{@code
 * images:
 *   - pattern: "myorg/jq*"
 *     entrypoint: [/usr/bin/jq]
 *     cmd: [--help]
 *     commands: {jq: /usr/bin/jq}
 * }</pre>
 */
public final class ImageTable {

  /** Stands for the argosay tool that the executor installs; replaced by its path. */
  public static final String ARGOSAY = "@argosay";

  /** One image rule; {@code entrypoint} may be empty (run the command or args as they are). */
  public record Rule(String pattern, List<String> entrypoint, List<String> cmd,
      Map<String, String> commands) {

    public Rule {
      entrypoint = List.copyOf(entrypoint);
      cmd = List.copyOf(cmd);
      commands = Map.copyOf(commands);
    }

    boolean matches(String image) {
      String name = normalize(image);
      if (globMatches(pattern, name)) {
        return true;
      }
      int tag = name.lastIndexOf(':');
      boolean tagged = tag > name.lastIndexOf('/');
      return !pattern.contains(":") && tagged && globMatches(pattern, name.substring(0, tag));
    }
  }

  private static final List<Rule> BUILT_IN = List.of(
      rule("argoproj/argosay:v1", List.of("cowsay")),
      rule("argoproj/argosay*", List.of(ARGOSAY), Map.of(
          "argosay", ARGOSAY, "/argosay", ARGOSAY)),
      rule("docker/whalesay*", List.of("cowsay")),
      rule("python*", List.of("python3")),
      rule("node*", List.of("node")),
      shell("alpine*", "sh"),
      shell("busybox*", "sh"),
      shell("ubuntu*", "bash"),
      shell("debian*", "bash"),
      shell("bash*", "bash"),
      shell("centos*", "bash"),
      // Database images run the host's client tools (pg_dump, psql, clickhouse-client) or a
      // shell script calling them; by default they print the client's version.
      tool("postgres*", "psql"),
      tool("clickhouse/*", "clickhouse-client"),
      tool("yandex/clickhouse-*", "clickhouse-client"));

  private final List<Rule> rules;

  // Every node asks for its image's rule; the answer for an image never changes.
  private final Map<String, Rule> ruleByImage = new ConcurrentHashMap<>();

  private ImageTable(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The built-in rules only. */
  public static ImageTable defaults() {
    return new ImageTable(BUILT_IN);
  }

  /** The user's rules first, then the built-in ones. */
  public static ImageTable of(List<Rule> userRules) {
    List<Rule> all = new ArrayList<>(userRules);
    all.addAll(BUILT_IN);
    return new ImageTable(all);
  }

  /**
   * Reads the user's rules from {@code file} (usually {@code $NAVIS_HOME/images.yaml}); a
   * missing file means the defaults alone.
   *
   * @throws IOException when the file exists but cannot be read or is not the expected shape
   */
  public static ImageTable load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return defaults();
    }
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    JsonNode images = root == null ? null : root.get("images");
    if (images == null || !images.isArray()) {
      throw new IOException(file + ": expected a list under \"images\"");
    }
    List<Rule> userRules = new ArrayList<>();
    for (JsonNode entry : images) {
      userRules.add(ruleOf(file, entry));
    }
    return of(userRules);
  }

  /** The first rule that matches {@code image}, or a rule that changes nothing. */
  public Rule ruleFor(String image) {
    return ruleByImage.computeIfAbsent(image == null ? "" : image, this::firstMatch);
  }

  private Rule firstMatch(String image) {
    for (Rule rule : rules) {
      if (!image.isEmpty() && rule.matches(image)) {
        return rule;
      }
    }
    return new Rule("*", List.of(), List.of(), Map.of());
  }

  /**
   * The argument vector to run for a container of {@code image}, before path lookup, by
   * Kubernetes' rules: without a command, the rule's entrypoint plus {@code args}, or plus its
   * cmd when there are no args either; with a command, the command (its first word rewritten by
   * the rule) plus {@code args}. Empty when there is nothing to run.
   */
  public List<String> argv(String image, List<String> command, List<String> args) {
    Rule rule = ruleFor(image);
    List<String> argv = new ArrayList<>();
    boolean noArgs = args == null || args.isEmpty();
    if (command == null || command.isEmpty()) {
      argv.addAll(rule.entrypoint());
      argv.addAll(noArgs ? rule.cmd() : args);
      return argv;
    }
    argv.add(rule.commands().getOrDefault(command.get(0), command.get(0)));
    argv.addAll(command.subList(1, command.size()));
    if (!noArgs) {
      argv.addAll(args);
    }
    return argv;
  }

  private static Rule ruleOf(Path file, JsonNode entry) throws IOException {
    JsonNode pattern = entry.get("pattern");
    if (pattern == null || !pattern.isTextual()) {
      throw new IOException(file + ": every image rule needs a \"pattern\", found " + entry);
    }
    List<String> entrypoint = new ArrayList<>();
    entry.path("entrypoint").forEach(word -> entrypoint.add(word.asText()));
    List<String> cmd = new ArrayList<>();
    entry.path("cmd").forEach(word -> cmd.add(word.asText()));
    Map<String, String> commands = new HashMap<>();
    entry.path("commands").properties()
        .forEach(command -> commands.put(command.getKey(), command.getValue().asText()));
    return new Rule(pattern.asText(), entrypoint, cmd, commands);
  }

  private static Rule rule(String pattern, List<String> entrypoint) {
    return new Rule(pattern, entrypoint, List.of(), Map.of());
  }

  private static Rule rule(String pattern, List<String> entrypoint, Map<String, String> rewrite) {
    return new Rule(pattern, entrypoint, List.of(), rewrite);
  }

  // A shell image runs its command or args as they are, and its shell when given neither.
  private static Rule shell(String pattern, String shell) {
    return new Rule(pattern, List.of(), List.of(shell), Map.of());
  }

  // A database image runs its command or args as they are, and its client's version when
  // given neither (the image's own default would start a server).
  private static Rule tool(String pattern, String client) {
    return new Rule(pattern, List.of(), List.of(client, "--version"), Map.of());
  }

  private static String normalize(String image) {
    String name = image.strip();
    for (String prefix : List.of("docker.io/", "index.docker.io/", "library/")) {
      if (name.startsWith(prefix)) {
        name = name.substring(prefix.length());
      }
    }
    return name;
  }

  private static boolean globMatches(String glob, String text) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return text.matches(regex.toString());
  }
}
