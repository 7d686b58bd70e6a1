package dev.navis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code navis version}: what this build is. Loads nothing else, so it starts fast. */
@Command(name = "version", description = "Print the version of Navis.")
final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new Provider().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }

  /** The version lines, from the build's properties. */
  static final class Provider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
      Properties build = new Properties();
      try (InputStream in = VersionCommand.class.getResourceAsStream("/navis-version.properties")) {
        if (in != null) {
          build.load(in);
        }
      } catch (IOException e) {
        // No build properties: the version lines below say "unknown".
      }
      return new String[] {
        "navis: v" + build.getProperty("version", "unknown"),
        "  javaVersion: " + Runtime.version(),
        "  platform: " + System.getProperty("os.name").toLowerCase() + "/"
            + System.getProperty("os.arch")
      };
    }
  }
}
