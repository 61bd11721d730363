package dev.vesper.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.Sipp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIP transport rules of our redirect servers, with raw sockets as the peer: an answer over the UDP
 * budget (RFC 3261 §18.1.1) goes over TCP to the caller's port, or over UDP when the caller does not
 * listen on TCP; truncated and oversized messages get 400 or a closed connection, never a hang, and the
 * server goes on answering.
 */
class SipRedirectServerTest {
  private static final String BIG = "x".repeat(2000);
  private SipRedirectServer server;
  private int port;

  @BeforeEach
  void start() throws IOException {
    port = Sipp.freeSipPort();
    server = SipRedirectServer.start("test", "127.0.0.1", port, invite -> new SipRedirectServer.Answer(302, "Moved Temporarily",
        invite.requestUri(), "big".equals(invite.first("X-Size")) ? List.of(Map.entry("X-Padding", BIG)) : List.of()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anAnswerOverTheUdpBudgetGoesOverTcpToTheCallersPort() throws Exception {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 5, InetAddress.getLoopbackAddress())) {
      tcp.setSoTimeout(5000);
      send(udp, invite(udp.getLocalPort(), "UDP", "big", ""));
      try (Socket answer = tcp.accept()) {
        String response = new String(answer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).startsWith("SIP/2.0 302").contains("X-Padding: " + BIG);
        assertThat(response.length()).isGreaterThan(LargeResponses.UDP_BUDGET);
      }
      udp.setSoTimeout(300);
      assertThat(receive(udp)).as("nothing over UDP").isNull();
    }
  }

  @Test
  void aSmallAnswerStaysOnUdp() throws Exception {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(5000);
      send(udp, invite(udp.getLocalPort(), "UDP", "small", ""));
      assertThat(receive(udp)).startsWith("SIP/2.0 302");
    }
  }

  @Test
  void aLargeAnswerFallsBackToUdpWhenTheCallerHasNoTcp() throws Exception {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(5000);
      send(udp, invite(udp.getLocalPort(), "UDP", "big", ""));
      assertThat(receive(udp)).startsWith("SIP/2.0 302").contains(BIG);
    }
  }

  @Test
  void aTruncatedUdpRequestGets400OrNothingAndTheServerGoesOn() throws Exception {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(1000);
      // RFC 3261 §18.3: the datagram ends before the body Content-Length announces.
      send(udp, invite(udp.getLocalPort(), "UDP", "small", "v=0\r\n").replace("Content-Length: 5", "Content-Length: 500"));
      String answer = receive(udp);
      assertThat(answer == null || answer.startsWith("SIP/2.0 400")).as(String.valueOf(answer)).isTrue();
      // Headers cut off mid-line, no blank line.
      String cut = invite(udp.getLocalPort(), "UDP", "small", "");
      send(udp, cut.substring(0, cut.indexOf("CSeq") + 6));
      answer = receive(udp);
      assertThat(answer == null || answer.startsWith("SIP/2.0 400")).as(String.valueOf(answer)).isTrue();
      udp.setSoTimeout(5000);
      send(udp, invite(udp.getLocalPort(), "UDP", "small", ""));
      assertThat(receive(udp)).startsWith("SIP/2.0 302");
    }
  }

  @Test
  void anOversizedTcpMessageClosesTheConnectionAndTheServerGoesOn() throws Exception {
    try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), port)) {
      tcp.setSoTimeout(10_000);
      String huge = invite(tcp.getLocalPort(), "TCP", "small", "").replace("Max-Forwards: 70\r\n",
          "Max-Forwards: 70\r\nX-Huge: " + "y".repeat(SipRedirectServer.MAX_MESSAGE_BYTES) + "\r\n");
      try {
        tcp.getOutputStream().write(huge.getBytes(StandardCharsets.US_ASCII));
        tcp.getOutputStream().flush();
      } catch (IOException closedWhileWriting) {
        // the server may close before it has read everything
      }
      String answer = readTcp(tcp.getInputStream());
      assertThat(answer).as("no answer but a closed connection").doesNotStartWith("SIP/2.0 302");
    }
    try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), port)) {
      tcp.setSoTimeout(20_000); // generous: the machine the tests share may be busy
      tcp.getOutputStream().write(invite(tcp.getLocalPort(), "TCP", "small", "").getBytes(StandardCharsets.US_ASCII));
      assertThat(readTcp(tcp.getInputStream())).startsWith("SIP/2.0 302");
    }
  }

  private String invite(int localPort, String transport, String size, String body) {
    return "INVITE sip:+14155550123@127.0.0.1:" + port + ";user=phone SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK" + System.nanoTime() + "\r\n"
        + "From: <sip:+12025550100@127.0.0.1;user=phone>;tag=1\r\n"
        + "To: <sip:+14155550123@127.0.0.1;user=phone>\r\n"
        + "Call-ID: " + System.nanoTime() + "@test\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:test@127.0.0.1:" + localPort + ">\r\n"
        + "Max-Forwards: 70\r\n"
        + "X-Size: " + size + "\r\n"
        + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private void send(DatagramSocket udp, String message) throws IOException {
    byte[] b = message.getBytes(StandardCharsets.US_ASCII);
    udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
  }

  /** The next final response (provisional ones skipped), or null when none comes in time. */
  private static String receive(DatagramSocket udp) throws IOException {
    byte[] buf = new byte[65535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (SocketTimeoutException e) {
        return null;
      }
      String s = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
      if (!s.startsWith("SIP/2.0 1")) {
        return s;
      }
    }
  }

  /** What the server sends before the first blank line, or until it closes (empty when it closes at once). */
  private static String readTcp(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = in.read()) >= 0) {
        out.write(c);
        if (out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
    } catch (IOException reset) {
      // a reset is a closed connection too
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
