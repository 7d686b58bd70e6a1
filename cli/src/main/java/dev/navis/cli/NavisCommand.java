package dev.navis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code navis}: Argo workflows on one machine, with the verbs of {@code argo}. */
@Command(
    name = "navis",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every verb takes -h/--help
    versionProvider = VersionCommand.Provider.class,
    description = "Run Argo Workflows on the JVM, no Kubernetes needed.",
    subcommands = {
      SubmitCommand.class,
      ListCommand.class,
      GetCommand.class,
      LogsCommand.class,
      DeleteCommand.class,
      LifecycleCommands.Stop.class,
      LifecycleCommands.Terminate.class,
      LifecycleCommands.Suspend.class,
      LifecycleCommands.Resume.class,
      NodeCommand.class,
      RetryCommand.class,
      ResubmitCommand.class,
      LintCommand.class,
      VersionCommand.class,
      ControllerCommand.class,
      TemplateCommands.class, ClusterTemplateCommands.class, CronCommands.class,
      ServerCommand.class,
      EventSourceCommands.class, SensorCommands.class,
      CommandLine.HelpCommand.class
    })
final class NavisCommand {

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Talk to this Navis server (default: $NAVIS_SERVER; none: run here)")
  String server;

  @Option(names = "--token", scope = ScopeType.INHERIT,
      description = "Bearer token for the server (default: $NAVIS_TOKEN)")
  String token;
}
