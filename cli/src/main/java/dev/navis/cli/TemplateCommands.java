package dev.navis.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code navis template}: WorkflowTemplates, with the verbs of {@code argo template}. */
@Command(name = "template", description = "Manage WorkflowTemplates.",
    subcommands = {
      TemplateCommands.Create.class,
      TemplateCommands.Get.class,
      TemplateCommands.List.class,
      TemplateCommands.Update.class,
      TemplateCommands.Delete.class,
      TemplateCommands.Lint.class
    })
final class TemplateCommands {

  private TemplateCommands() {}

  @Command(name = "create", description = "Store new WorkflowTemplates.")
  static final class Create extends TemplateVerbs.Create {

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    Create() {
      super(false);
    }

    @Override
    String namespaceOption() {
      return namespace;
    }
  }

  @Command(name = "get", description = "Show WorkflowTemplates.")
  static final class Get extends TemplateVerbs.Get {

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    Get() {
      super(false);
    }

    @Override
    String namespaceOption() {
      return namespace;
    }
  }

  @Command(name = "list", description = "List WorkflowTemplates.")
  static final class List extends TemplateVerbs.ListVerb {

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "List those of all namespaces")
    boolean all;

    List() {
      super(false);
    }

    @Override
    String namespaceOption() {
      return namespace;
    }

    @Override
    boolean allNamespaces() {
      return all;
    }
  }

  @Command(name = "update", description = "Replace stored WorkflowTemplates.")
  static final class Update extends TemplateVerbs.Update {

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    Update() {
      super(false);
    }

    @Override
    String namespaceOption() {
      return namespace;
    }
  }

  @Command(name = "delete", description = "Delete WorkflowTemplates.")
  static final class Delete extends TemplateVerbs.Delete {

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    Delete() {
      super(false);
    }

    @Override
    String namespaceOption() {
      return namespace;
    }
  }

  @Command(name = "lint", description = "Check WorkflowTemplate files for problems.")
  static final class Lint extends TemplateVerbs.Lint {

    Lint() {
      super(false);
    }
  }
}
