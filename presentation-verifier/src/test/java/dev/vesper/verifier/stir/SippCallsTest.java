package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SIP: sipp (Debian's sip-tester; run-tests installs it) places one INVITE per case at the STI-VS
 * redirect server; each must come back 302 with the right verstat and, for failures, the right RFC 8224
 * cause and error id. A missing sipp fails the test (it is never skipped).
 */
class SippCallsTest {
  static final Path SIPP = Path.of("/usr/bin/sipp");

  @TempDir
  Path dir;

  @Test
  void everyCaseGetsItsVerdictOverSip() throws Exception {
    assertThat(Files.isExecutable(SIPP)).as("sipp (Debian package sip-tester) is needed; ./run-tests installs it").isTrue();
    List<StirCases.Case> cases = StirCases.all();
    java.util.Map<StirCalls.Call, String> signed = StirCases.sign(cases);
    StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
    for (StirCases.Case c : cases) {
      String identity = signed.get(c.call());
      String passport = identity.substring(0, identity.indexOf(';'));
      String pptParam = c.call().ppt == null ? "x-case=base" : "ppt=" + c.call().ppt;
      csv.append(passport).append(';').append(StirCalls.INFO).append(';').append(pptParam).append(';')
          .append(c.call().orig).append(';').append(c.call().dest.get(0)).append('\n');
    }
    Path inf = dir.resolve("calls.csv");
    Files.writeString(inf, csv.toString());
    Path scenario = dir.resolve("vesper-uac.xml");
    Files.copy(Path.of(getClass().getResource("/sipp/vesper-uac.xml").toURI()), scenario);
    Path trace = dir.resolve("messages.log");
    Path errors = dir.resolve("errors.log");

    int sipPort = freeUdpPort();
    try (VerifierServer server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        null, Clock.systemUTC(), null, StirVerifierTest.verifier(), sipPort))) {
      Process sipp = new ProcessBuilder(SIPP.toString(), "127.0.0.1:" + sipPort, "-sf", scenario.toString(), "-inf", inf.toString(),
          "-m", Integer.toString(cases.size()), "-l", "1", "-r", "20", "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()),
          "-timeout", "30", "-timeout_error", "-nostdin", "-bg", "-trace_msg", "-message_file", trace.toString(),
          "-trace_err", "-error_file", errors.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sipp.out").toFile()).start();
      boolean done = sipp.waitFor(60, TimeUnit.SECONDS);
      assertThat(done).as("sipp finished").isTrue();
      // -bg detaches: wait for the calls to be traced.
      waitForResponses(trace, cases.size());
    }
    String log = Files.readString(trace, StandardCharsets.ISO_8859_1);
    List<String[]> verdicts = verdicts(log);
    assertThat(Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "")
        .as("sipp's To-tag regexp (RFC 3261 §8.2.6.2) failed no call").doesNotContainIgnoringCase("regexp");
    Matcher toHeaders = Pattern.compile("SIP/2\\.0 302[^\\n]*\\n(.*?)\\r?\\n\\r?\\n", Pattern.DOTALL).matcher(log);
    while (toHeaders.find()) {
      assertThat(find(toHeaders.group(1), "(?im)^To:\\s*(.+?)\\r?$")).as("every 302's To").matches(".*;tag=[^;>\\s]+.*");
    }
    assertThat(verdicts).as("one 302 per call").hasSize(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      StirCases.Case c = cases.get(i);
      String[] v = verdicts.get(i);
      assertThat(v[0]).as(c.name() + " verstat").isEqualTo(c.verstat());
      assertThat(v[1]).as(c.name() + " cause").isEqualTo(c.cause());
      assertThat(v[2]).as(c.name() + " error").isEqualTo(c.error());
      assertThat(v[3]).as(c.name() + " tolerated").isEqualTo(c.call().signedOrig != null ? "orig.tn.canonicalized" : null);
    }
  }

  /**
   * Each received 302, in order: {verstat, Reason cause or null, X-Vesper-Error or null, X-Vesper-Tolerated
   * or null}. A retransmitted 302 (same Call-ID: the INVITE was retransmitted while a loaded machine was
   * slow to answer) counts once.
   */
  static List<String[]> verdicts(String log) {
    List<String[]> out = new ArrayList<>();
    java.util.Set<String> calls = new java.util.HashSet<>();
    Matcher m = Pattern.compile("SIP/2\\.0 302[^\\n]*\\n(.*?)\\r?\\n\\r?\\n", Pattern.DOTALL).matcher(log);
    while (m.find()) {
      String headers = m.group(1);
      String callId = find(headers, "(?im)^(?:Call-ID|i):\\s*(\\S+)");
      if (callId != null && !calls.add(callId)) {
        continue;
      }
      out.add(new String[] {find(headers, "verstat=([A-Za-z-]+)"), find(headers, "(?i)Reason:\\s*SIP\\s*;\\s*cause=(\\d+)"),
          find(headers, "(?i)X-Vesper-Error:\\s*(\\S+)"), find(headers, "(?i)X-Vesper-Tolerated:\\s*(\\S+)")});
    }
    return out;
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static void waitForResponses(Path trace, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(trace) && verdicts(Files.readString(trace, StandardCharsets.ISO_8859_1)).size() >= count) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
