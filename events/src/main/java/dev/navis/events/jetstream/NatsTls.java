package dev.navis.events.jetstream;

import dev.navis.api.model.events.TlsConfig;
import dev.navis.events.Secrets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS context of a {@code tls} block: trust its CA, or trust anything when told to. */
final class NatsTls {

  private NatsTls() {}

  static SSLContext context(TlsConfig tls, Secrets secrets, String path) {
    if (tls.clientCertSecret() != null || tls.clientKeySecret() != null) {
      // TODO: client certificates (mutual TLS) need a PEM key reader; not done yet.
      throw new IllegalArgumentException(path + ".clientCertSecret: client certificates are"
          + " not supported yet");
    }
    try {
      TrustManager[] trust;
      if (Boolean.TRUE.equals(tls.insecureSkipVerify())) {
        trust = new TrustManager[] {new TrustingEverything()};
      } else if (tls.caCertSecret() != null) {
        trust = trusting(NatsConnections.secret(secrets, tls.caCertSecret(),
            path + ".caCertSecret"), path + ".caCertSecret");
      } else {
        trust = null;
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trusting(String pem, String path)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int n = 0;
    for (Certificate certificate : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))) {
      store.setCertificateEntry("ca-" + n++, certificate);
    }
    if (n == 0) {
      throw new IllegalArgumentException(path + ": no PEM certificate in the secret");
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  /** What {@code insecureSkipVerify: true} asks for: any server certificate is accepted. */
  private static final class TrustingEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
