package dev.navis.cli;

import picocli.CommandLine.Command;

/** {@code navis eventsource}: Argo Events EventSources, run by {@code navis server}. */
@Command(name = "eventsource", description = "Manage EventSources (run by navis server).",
    subcommands = {
      EventSourceCommands.Create.class,
      EventSourceCommands.Apply.class,
      EventSourceCommands.Get.class,
      EventSourceCommands.List.class,
      EventSourceCommands.Delete.class
    })
final class EventSourceCommands {

  private static final String KIND = "EventSource";

  private EventSourceCommands() {}

  @Command(name = "create", description = "Store new EventSources.")
  static final class Create extends EventVerbs.Create {
    Create() {
      super(KIND);
    }
  }

  @Command(name = "apply", description = "Create EventSources, or replace those of the same name.")
  static final class Apply extends EventVerbs.Apply {
    Apply() {
      super(KIND);
    }
  }

  @Command(name = "get", description = "Show EventSources.")
  static final class Get extends EventVerbs.Get {
    Get() {
      super(KIND);
    }
  }

  @Command(name = "list", description = "List EventSources.")
  static final class List extends EventVerbs.ListVerb {
    List() {
      super(KIND);
    }
  }

  @Command(name = "delete", description = "Delete EventSources.")
  static final class Delete extends EventVerbs.Delete {
    Delete() {
      super(KIND);
    }
  }
}
