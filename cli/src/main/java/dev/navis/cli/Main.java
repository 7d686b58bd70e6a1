package dev.navis.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code navis} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code; never throws for a user's mistake. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs one command line with its output and errors sent where the caller says. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new NavisCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(Main::reportFailure);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine.execute(args);
  }

  /** Shows the user what went wrong in one line; the stack trace only when asked for. */
  private static int reportFailure(Exception failure, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    if (failure instanceof UserException user) {
      commandLine.getErr().println(user.getMessage());
      return user.exitCode();
    }
    commandLine.getErr().println("navis: " + describe(failure));
    if (System.getenv("NAVIS_DEBUG") != null) {
      failure.printStackTrace(commandLine.getErr());
    } else {
      commandLine.getErr().println("(set NAVIS_DEBUG=1 to see where)");
    }
    return 2;
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message != null ? message : failure.getClass().getSimpleName();
  }
}
