package dev.navis.executor.host;

/**
 * Every host executor test again under the shell supervisor, the one a host without the native
 * supervisor runs.
 */
class ShellSupervisorTest extends HostExecutorTest {

  @Override
  protected Supervisor supervisor() {
    return Supervisor.shell();
  }

  @Override
  protected String expectedSupervisorKind() {
    return "shell";
  }
}
