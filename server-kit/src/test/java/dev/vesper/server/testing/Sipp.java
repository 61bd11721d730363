package dev.vesper.server.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sipp (Debian's sip-tester) as the calling side of SIP tests, over UDP ({@code u1}), TCP ({@code t1}) or
 * TLS. Debian builds sipp without TLS, so TLS calls go through socat (Debian's socat, OpenSSL): sipp
 * speaks TCP to a local socat, which carries each connection over TLS 1.2+ to the server, verifying the
 * server's certificate against a CA file and presenting a client certificate. Both are outside
 * implementations; a missing one fails the test (./run-tests installs them).
 */
public final class Sipp {
  public static final Path SIPP = Path.of("/usr/bin/sipp");
  public static final Path SOCAT = Path.of("/usr/bin/socat");

  private Sipp() {}

  /**
   * Runs a scenario with {@code calls} calls from the injection file against {@code target}
   * ({@code host:port}) over {@code transport} ({@code u1} or {@code t1}); waits for sipp to exit and
   * returns its exit code. sipp's message trace goes to {@code dir/messages.log}.
   */
  public static int run(Path dir, String target, String transport, Path scenario, Path injection, int calls, String... extra)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SIPP.toString(), target, "-sf", scenario.toString(), "-inf", injection.toString(),
        "-m", Integer.toString(calls), "-l", "1", "-r", "20", "-i", "127.0.0.1", "-t", transport, "-timeout", "30", "-timeout_error",
        "-nostdin", "-trace_msg", "-message_file", trace(dir).toString(), "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
    if ("u1".equals(transport)) {
      cmd.addAll(List.of("-p", Integer.toString(freeUdpPort())));
    }
    cmd.addAll(List.of(extra));
    Process sipp = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sipp.out").toFile()).start();
    if (!sipp.waitFor(60, TimeUnit.SECONDS)) {
      sipp.destroyForcibly();
      throw new IllegalStateException("sipp did not finish in 60 s");
    }
    return sipp.exitValue();
  }

  public static Path trace(Path dir) {
    return dir.resolve("messages.log");
  }

  /**
   * Every message in the trace whose start line matches {@code startLine} (a regex), as start line and
   * headers; a retransmission (the same start line and Call-ID: the INVITE was retransmitted while a busy
   * machine was slow to answer) counts once.
   */
  public static List<String> messages(Path dir, String startLine) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(trace(dir))) {
      return out;
    }
    Matcher m = Pattern.compile("(" + startLine + "[^\\n]*\\n.*?)\\r?\\n\\r?\\n", Pattern.DOTALL)
        .matcher(Files.readString(trace(dir), StandardCharsets.ISO_8859_1));
    Set<String> seen = new HashSet<>();
    while (m.find()) {
      String message = m.group(1);
      List<String> callId = values(message, "Call-ID");
      if (callId.isEmpty() || seen.add(message.lines().findFirst().orElse("") + " " + callId.get(0))) {
        out.add(message);
      }
    }
    return out;
  }

  /** Every value of {@code header} in one traced message. */
  public static List<String> values(String message, String header) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?im)^" + Pattern.quote(header) + ":\\s*(.+?)\\r?$").matcher(message);
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }

  /**
   * A TLS tunnel: socat listens on a free local TCP port and carries each connection over TLS to
   * {@code 127.0.0.1:tlsPort}, checking the server against {@code caPem} and presenting
   * {@code certPem}/{@code keyPem} (null for no client certificate). Close it to stop socat.
   */
  public static Tunnel tlsTunnel(int tlsPort, Path caPem, Path certPem, Path keyPem) throws IOException, InterruptedException {
    int local = freeTcpPort();
    String tls = "OPENSSL:127.0.0.1:" + tlsPort + ",cafile=" + caPem + ",verify=1,openssl-min-proto-version=TLS1.2"
        + (certPem == null ? "" : ",cert=" + certPem + ",key=" + keyPem);
    Process socat = new ProcessBuilder(SOCAT.toString(), "TCP-LISTEN:" + local + ",bind=127.0.0.1,reuseaddr,fork", tls)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", local)) {
        return new Tunnel(socat, local);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    socat.destroyForcibly();
    throw new IllegalStateException("socat did not listen");
  }

  /** A running socat; {@link #port()} is where sipp connects. */
  public record Tunnel(Process socat, int port) implements AutoCloseable {
    @Override
    public void close() {
      socat.descendants().forEach(ProcessHandle::destroy);
      socat.destroy();
    }
  }

  public static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A port free on both UDP and TCP (SIP listens on both at the same port, RFC 3261 §18.2.1). */
  public static int freeSipPort() throws IOException {
    for (int i = 0; i < 50; i++) {
      int p = freeUdpPort();
      try (ServerSocket s = new ServerSocket(p)) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no port free on both UDP and TCP");
  }

  public static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
