package dev.navis.events.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 on one kept-alive connection, sending each body a moment after its headers, as
 * a client on a slow network (or the JDK's client under load) does. A server that answers
 * before the body arrives, and closes the connection under it, shows here every time.
 */
public final class SlowBodyClient implements AutoCloseable {

  /** One answer: status, headers by lower-case name, and body. */
  public record Answer(int status, Map<String, String> headers, String body) {

    public boolean keepsConnection() {
      return !"close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
    }
  }

  private static final Duration BODY_DELAY = Duration.ofMillis(150);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public SlowBodyClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public Answer send(String method, String path, String body)
      throws IOException, InterruptedException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Thread.sleep(BODY_DELAY);
    out.write(content);
    out.flush();
    return readAnswer();
  }

  private Answer readAnswer() throws IOException {
    String statusLine = readLine();
    if (statusLine.isEmpty()) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int next = in.read(); next != -1 && next != '\n'; next = in.read()) {
      if (next != '\r') {
        line.write(next);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
