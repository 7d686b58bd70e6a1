package dev.navis.cli;

import picocli.CommandLine.Command;

/**
 * {@code navis cluster-template}: ClusterWorkflowTemplates, with the verbs of
 * {@code argo cluster-template}.
 */
@Command(name = "cluster-template", description = "Manage ClusterWorkflowTemplates.",
    subcommands = {
      ClusterTemplateCommands.Create.class,
      ClusterTemplateCommands.Get.class,
      ClusterTemplateCommands.List.class,
      ClusterTemplateCommands.Update.class,
      ClusterTemplateCommands.Delete.class,
      ClusterTemplateCommands.Lint.class
    })
final class ClusterTemplateCommands {

  private ClusterTemplateCommands() {}

  @Command(name = "create", description = "Store new ClusterWorkflowTemplates.")
  static final class Create extends TemplateVerbs.Create {

    Create() {
      super(true);
    }
  }

  @Command(name = "get", description = "Show ClusterWorkflowTemplates.")
  static final class Get extends TemplateVerbs.Get {

    Get() {
      super(true);
    }
  }

  @Command(name = "list", description = "List ClusterWorkflowTemplates.")
  static final class List extends TemplateVerbs.ListVerb {

    List() {
      super(true);
    }
  }

  @Command(name = "update", description = "Replace stored ClusterWorkflowTemplates.")
  static final class Update extends TemplateVerbs.Update {

    Update() {
      super(true);
    }
  }

  @Command(name = "delete", description = "Delete ClusterWorkflowTemplates.")
  static final class Delete extends TemplateVerbs.Delete {

    Delete() {
      super(true);
    }
  }

  @Command(name = "lint", description = "Check ClusterWorkflowTemplate files for problems.")
  static final class Lint extends TemplateVerbs.Lint {

    Lint() {
      super(true);
    }
  }
}
