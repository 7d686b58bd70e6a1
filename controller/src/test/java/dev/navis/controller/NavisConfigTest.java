package dev.navis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from flags, then variables, then navis.yaml, then defaults. */
class NavisConfigTest {

  @TempDir Path home;

  @Test
  void defaultsServeALaptop() {
    NavisConfig config = NavisConfig.from(Map.of("NAVIS_HOME", home.toString()));

    assertThat(config.storeUrl()).isEqualTo("h2:" + home.resolve("navis"));
    assertThat(config.port()).isEqualTo(2746);
    assertThat(config.authMode()).isEqualTo("server");
    assertThat(config.authTokens()).isNull();
    assertThat(config.maxRequestBytes()).isEqualTo(1024 * 1024);
    assertThat(config.address()).isEqualTo("127.0.0.1");
  }

  @Test
  void navisYamlSetsWhatNoVariableSets() throws IOException {
    Files.writeString(home.resolve("navis.yaml"), """
        store: postgresql://db/navis
        port: 8080
        authMode: client
        authTokens: /etc/navis/tokens.yaml
        maxRequestBytes: 2048
        address: 0.0.0.0
        """);

    NavisConfig config = NavisConfig.from(Map.of("NAVIS_HOME", home.toString(),
        "NAVIS_PORT", "9090"));

    assertThat(config.storeUrl()).isEqualTo("postgresql://db/navis");
    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.authMode()).isEqualTo("client");
    assertThat(config.authTokens()).isEqualTo(Path.of("/etc/navis/tokens.yaml"));
    assertThat(config.maxRequestBytes()).isEqualTo(2048);
    assertThat(config.address()).isEqualTo("0.0.0.0");
  }

  @Test
  void flagsWinOverEverything() {
    NavisConfig config = NavisConfig.from(Map.of("NAVIS_HOME", home.toString(),
        "NAVIS_PORT", "9090", "NAVIS_AUTH_MODE", "client"));

    NavisConfig flagged = config.withServerFlags(7000, "h2:/tmp/x", "server", null);

    assertThat(flagged.port()).isEqualTo(7000);
    assertThat(flagged.storeUrl()).isEqualTo("h2:/tmp/x");
    assertThat(flagged.authMode()).isEqualTo("server");
    assertThat(flagged.namespace()).isEqualTo("default");
    assertThat(flagged.withAddress("::1").address()).isEqualTo("::1");
    assertThat(flagged.withAddress(null).address()).isEqualTo("127.0.0.1");
  }
}
