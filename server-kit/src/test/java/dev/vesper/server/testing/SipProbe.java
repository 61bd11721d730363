package dev.vesper.server.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal SIP UAC over UDP on loopback for tests: sends one INVITE as written here (RFC 3261 §8.1.1's
 * mandatory headers plus extra ones) and returns the first final response (1xx are skipped), or null
 * when none comes in time.
 */
public final class SipProbe {
  private SipProbe() {}

  /** INVITE {@code sip:+to@127.0.0.1} from {@code sip:+from@...}, with {@code extraHeaders}; the final response's text. */
  public static String invite(int port, String from, String to, Map<String, String> extraHeaders, int timeoutMillis) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(timeoutMillis);
      int local = socket.getLocalPort();
      String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
      StringBuilder m = new StringBuilder()
          .append("INVITE sip:+").append(to).append("@127.0.0.1:").append(port).append(";user=phone SIP/2.0\r\n")
          .append("Via: SIP/2.0/UDP 127.0.0.1:").append(local).append(";branch=").append(branch).append("\r\n")
          .append("Max-Forwards: 70\r\n")
          .append("From: <sip:+").append(from).append("@127.0.0.1;user=phone>;tag=").append(UUID.randomUUID().toString(), 0, 8).append("\r\n")
          .append("To: <sip:+").append(to).append("@127.0.0.1;user=phone>\r\n")
          .append("Call-ID: ").append(UUID.randomUUID()).append("@127.0.0.1\r\n")
          .append("CSeq: 1 INVITE\r\n")
          .append("Contact: <sip:probe@127.0.0.1:").append(local).append(">\r\n");
      extraHeaders.forEach((k, v) -> m.append(k).append(": ").append(v).append("\r\n"));
      m.append("Content-Length: 0\r\n\r\n");
      byte[] bytes = m.toString().getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      byte[] buf = new byte[65_535];
      while (true) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          return null;
        }
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        if (!text.startsWith("SIP/2.0 1")) {
          return text;
        }
      }
    }
  }
}
