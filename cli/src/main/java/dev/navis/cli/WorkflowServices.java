package dev.navis.cli;

import dev.navis.controller.NavisConfig;
import picocli.CommandLine.Model.CommandSpec;

/** Chooses where a command's workflows live: a server when one is named, else here. */
final class WorkflowServices {

  private WorkflowServices() {}

  /** {@code --server}, else {@code NAVIS_SERVER}; the token likewise from the environment. */
  static WorkflowService open(CommandSpec spec) {
    NavisCommand root = (NavisCommand) spec.root().userObject();
    String server = firstOf(root.server, setting("NAVIS_SERVER"));
    if (server == null || server.isBlank()) {
      return new LocalWorkflows();
    }
    String token = firstOf(root.token, setting("NAVIS_TOKEN"));
    return new RemoteWorkflows(server, token, NavisConfig.fromEnvironment().namespace());
  }

  /** The server a command talks to, or null to work in this process. */
  static String serverOf(CommandSpec spec) {
    NavisCommand root = (NavisCommand) spec.root().userObject();
    String server = firstOf(root.server, setting("NAVIS_SERVER"));
    return server == null || server.isBlank() ? null : server;
  }

  /** The bearer token for the server, if any. */
  static String tokenOf(CommandSpec spec) {
    return firstOf(((NavisCommand) spec.root().userObject()).token, setting("NAVIS_TOKEN"));
  }

  private static String firstOf(String flag, String setting) {
    return flag != null ? flag : setting;
  }

  /** A system property wins over the variable, as in {@link NavisConfig}. */
  private static String setting(String name) {
    String property = System.getProperty(name);
    return property != null ? property : System.getenv(name);
  }
}
