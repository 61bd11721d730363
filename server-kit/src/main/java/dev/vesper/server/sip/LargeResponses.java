package dev.vesper.server.sip;

import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers that do not fit UDP. RFC 3261 §18.1.1 moves a message larger than 1,300 bytes (path MTU
 * unknown) to a congestion-controlled transport, and §18.2.1 has every element that listens on UDP listen
 * on TCP at the same port; an inline STI-AS answer (several kilobytes of Identity headers) would otherwise
 * be IP-fragmented, which SBCs and firewalls commonly drop. So an answer to a UDP request that exceeds the
 * budget is written over a TCP connection to the address the request came from, at the Via's
 * {@code rport} or sent-by port. When that connection cannot be made within {@link #CONNECT_TIMEOUT_MS}
 * the answer goes over UDP after all (RFC 3261 §18.1.1: every implementation MUST handle datagrams up to
 * 65,535 bytes), so the caller is never left without one.
 */
final class LargeResponses {
  private static final Logger LOG = LoggerFactory.getLogger(LargeResponses.class);
  /** RFC 3261 §18.1.1: larger than 1,300 bytes with the path MTU unknown. */
  static final int UDP_BUDGET = 1300;
  static final int CONNECT_TIMEOUT_MS = 500;

  private LargeResponses() {}

  /** True when {@code response} was delivered over TCP; false when the caller sends it as usual. */
  static boolean overTcp(Request request, Response response) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (via == null || !"UDP".equalsIgnoreCase(via.getTransport())) {
      return false;
    }
    byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= UDP_BUDGET) {
      return false;
    }
    InetAddress peer = request instanceof SIPRequest sip ? sip.getPeerPacketSourceAddress() : null;
    int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort() : 5060;
    if (peer == null) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(peer, port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(CONNECT_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      socket.shutdownOutput();
      return true;
    } catch (IOException e) {
      LOG.debug("a {}-byte answer to {}:{} goes over UDP: no TCP connection ({})", bytes.length, peer.getHostAddress(), port, e.toString());
      return false;
    }
  }
}
