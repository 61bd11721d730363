package dev.vesper.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket: the request target goes out byte for byte as given. Loopback tests only. */
public final class RawHttp {
  private RawHttp() {}

  /** A raw answer: the status and the whole response text. */
  public record Answer(int status, String text) {}

  /** Sends {@code method target} with an optional bearer key and JSON body; answers the status and response. */
  public static Answer send(int port, String method, String target, String bearerKey, String jsonBody) {
    return send(port, method, target, bearerKey, "application/json", jsonBody);
  }

  /** As {@link #send(int, String, String, String, String)} with a body of {@code contentType}. */
  public static Answer send(int port, String method, String target, String bearerKey, String contentType, String text) {
    byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder()
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Connection: close\r\n");
    if (bearerKey != null) {
      head.append("Authorization: Bearer ").append(bearerKey).append("\r\n");
    }
    if (text != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      String answer = readAll(s.getInputStream());
      if (!answer.startsWith("HTTP/1.1 ")) {
        throw new AssertionError(method + " " + target + ": not an HTTP answer: " + answer);
      }
      return new Answer(Integer.parseInt(answer.substring(9, 12)), answer);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return buf.toString(StandardCharsets.UTF_8);
  }
}
