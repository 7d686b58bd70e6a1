package dev.navis.executor.host;

/**
 * Every host executor test again with the native supervisor spawned from the JVM per
 * container, as when its launcher cannot run.
 */
class SpawnedSupervisorTest extends HostExecutorTest {

  @Override
  protected Supervisor supervisor() {
    return super.supervisor().withoutLauncher();
  }
}
