package dev.navis.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.navis.api.Codec;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An https server on 127.0.0.1 with a self-signed certificate made by the JDK's keytool. */
class InsecureSkipVerifyTest {

  private static final char[] PASSWORD = "navis-test".toCharArray();

  private final BlockingQueue<NodeResult> ended = new LinkedBlockingQueue<>();
  private HttpsServer server;
  private HttpNodeExecutor executor;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
    server.createContext("/", exchange -> {
      byte[] body = "secret garden".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    executor = new HttpNodeExecutor(ended::add);
  }

  @AfterEach
  void stopServer() {
    executor.close();
    server.stop(0);
  }

  @Test
  void aSelfSignedCertificateIsRefusedUnlessTheTemplateSkipsVerification() throws Exception {
    NodeResult verified = run("n1", false);
    NodeResult skipped = run("n2", true);

    assertThat(verified.phase()).isEqualTo("Error");
    assertThat(verified.message()).startsWith("GET https://127.0.0.1:");
    assertThat(skipped.phase()).isEqualTo("Succeeded");
    assertThat(skipped.result()).isEqualTo("secret garden");
  }

  private NodeResult run(String nodeId, boolean insecure) throws Exception {
    String yaml = """
        name: call
        http: {url: "https://127.0.0.1:%d/", insecureSkipVerify: %s, timeoutSeconds: 10}
        """.formatted(server.getAddress().getPort(), insecure);
    Template template = Codec.yaml().readValue(yaml, Template.class);
    executor.start(new NodeLaunch("default", "wf", "uid", nodeId, "wf." + nodeId, "wf-pod",
        template, Map.of()));
    NodeResult result = ended.poll(15, TimeUnit.SECONDS);
    assertThat(result).isNotNull();
    return result;
  }

  private static SSLContext selfSigned() throws Exception {
    Path store = Files.createTempDirectory("navis-tls").resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }
}
