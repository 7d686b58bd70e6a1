package dev.navis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClaimOwnerTest {

  @Test
  void anOwnerReadsBackAsWritten() {
    ClaimOwner owner = ClaimOwner.ofThisProcess();

    assertThat(ClaimOwner.parse(owner.toString())).contains(owner);
    assertThat(owner.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(owner.toString()).startsWith("navis:");
  }

  @Test
  void otherFormsAreNotOwnersThatCanBeChecked() {
    assertThat(ClaimOwner.parse("2f1c6a9e-8f5e-4d7e-9a55-0c1f1b2f3e4d")).isEmpty();
    assertThat(ClaimOwner.parse("navis:host:not-a-pid:1:x")).isEmpty();
    assertThat(ClaimOwner.parse("navis:host:1")).isEmpty();
    assertThat(ClaimOwner.parse(null)).isEmpty();
  }

  @Test
  void theRunningProcessIsAlive() {
    assertThat(ClaimOwner.ofThisProcess().provablyDead()).isFalse();
  }

  @Test
  void aProcessThatEndedIsProvablyDead() throws IOException, InterruptedException {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    ClaimOwner alive = ClaimOwner.ofThisProcess();

    ClaimOwner gone = new ClaimOwner(alive.host(), ended.pid(), alive.startMillis(), "x");

    assertThat(gone.provablyDead()).isTrue();
  }

  @Test
  void aReusedPidIsProvablyDead() {
    ClaimOwner self = ClaimOwner.ofThisProcess();

    ClaimOwner earlier = new ClaimOwner(self.host(), self.pid(), self.startMillis() - 60_000,
        "x");

    assertThat(earlier.provablyDead()).isTrue();
  }

  @Test
  void anOwnerOnAnotherHostIsNeverProvablyDead() {
    ClaimOwner self = ClaimOwner.ofThisProcess();

    ClaimOwner remote = new ClaimOwner(self.host() + "-elsewhere", Long.MAX_VALUE, 1, "x");

    assertThat(remote.provablyDead()).isFalse();
  }
}
