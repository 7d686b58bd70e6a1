package dev.navis.cli;

import picocli.CommandLine.Command;

/** {@code navis sensor}: Argo Events Sensors, run by {@code navis server}. */
@Command(name = "sensor", description = "Manage Sensors (run by navis server).",
    subcommands = {
      SensorCommands.Create.class,
      SensorCommands.Apply.class,
      SensorCommands.Get.class,
      SensorCommands.List.class,
      SensorCommands.Delete.class
    })
final class SensorCommands {

  private static final String KIND = "Sensor";

  private SensorCommands() {}

  @Command(name = "create", description = "Store new Sensors.")
  static final class Create extends EventVerbs.Create {
    Create() {
      super(KIND);
    }
  }

  @Command(name = "apply", description = "Create Sensors, or replace those of the same name.")
  static final class Apply extends EventVerbs.Apply {
    Apply() {
      super(KIND);
    }
  }

  @Command(name = "get", description = "Show Sensors.")
  static final class Get extends EventVerbs.Get {
    Get() {
      super(KIND);
    }
  }

  @Command(name = "list", description = "List Sensors.")
  static final class List extends EventVerbs.ListVerb {
    List() {
      super(KIND);
    }
  }

  @Command(name = "delete", description = "Delete Sensors.")
  static final class Delete extends EventVerbs.Delete {
    Delete() {
      super(KIND);
    }
  }
}
