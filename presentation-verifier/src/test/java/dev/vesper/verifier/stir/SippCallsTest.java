package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.sip.LocalTlsPki;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.server.sip.SipTls;
import dev.vesper.server.testing.Sipp;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SIP: sipp (Debian's sip-tester; run-tests installs it) places one INVITE per case at the STI-VS
 * redirect server over UDP, TCP and TLS (through socat, since Debian's sipp has no TLS); each must come back
 * 302 with the right verstat and, for failures, the right RFC 8224 cause and error id. The TLS face requires
 * client certificates from its CA: a client with another CA's certificate, an expired one or none never gets
 * a SIP answer, and the face goes on serving good clients. A missing sipp or socat fails the test.
 */
class SippCallsTest {
  static final LocalTlsPki TLS = LocalTlsPki.generate(new SecureRandom(), "Test");
  static final LocalTlsPki.Issued SERVER = TLS.server("localhost", "127.0.0.1");

  @TempDir
  Path dir;

  @BeforeAll
  static void tools() {
    assertThat(Files.isExecutable(Sipp.SIPP)).as("sipp (Debian package sip-tester) is needed; ./run-tests installs it").isTrue();
    assertThat(Files.isExecutable(Sipp.SOCAT)).as("socat (Debian package socat) is needed; ./run-tests installs it").isTrue();
  }

  @Test
  void everyCaseGetsItsVerdictOverUdp() throws Exception {
    try (VerifierServer server = server()) {
      assertVerdicts(StirCases.all(), "127.0.0.1:" + server.sipPort(), "u1", scenario("[transport]"));
    }
  }

  @Test
  void everyCaseGetsItsVerdictOverTcp() throws Exception {
    try (VerifierServer server = server()) {
      assertVerdicts(StirCases.all(), "127.0.0.1:" + server.sipPort(), "t1", scenario("[transport]"));
    }
  }

  @Test
  void everyCaseGetsItsVerdictOverTls() throws Exception {
    LocalTlsPki.Issued client = TLS.client("Originating carrier");
    try (VerifierServer server = server(); Sipp.Tunnel tunnel = tunnel(server.sipsPort(), client)) {
      assertVerdicts(StirCases.all(), "127.0.0.1:" + tunnel.port(), "t1", scenario("TLS"));
    }
  }

  @Test
  void tlsClientsWithBadCertificatesGetNoAnswerAndTheFaceGoesOn() throws Exception {
    LocalTlsPki stranger = LocalTlsPki.generate(new SecureRandom(), "Stranger");
    try (VerifierServer server = server()) {
      for (LocalTlsPki.Issued bad : new LocalTlsPki.Issued[] {stranger.client("Untrusted"), TLS.expiredClient("Expired"), null}) {
        Path attempt = Files.createTempDirectory(dir, "bad-");
        try (Sipp.Tunnel tunnel = tunnel(server.sipsPort(), bad)) {
          long started = System.nanoTime();
          int exit = Sipp.run(attempt, "127.0.0.1:" + tunnel.port(), "t1", scenario("TLS"), injection(attempt, List.of(StirCases.all().get(0))), 1);
          assertThat(exit).as("sipp's call fails").isNotZero();
          assertThat((System.nanoTime() - started) / 1e9).as("and fails fast, not by a 30 s timeout").isLessThan(20);
          assertThat(Sipp.messages(attempt, "SIP/2\\.0 ")).as("no SIP answer without a good client certificate").isEmpty();
        }
      }
      try (Sipp.Tunnel tunnel = tunnel(server.sipsPort(), TLS.client("Good"))) {
        assertVerdicts(List.of(StirCases.all().get(0)), "127.0.0.1:" + tunnel.port(), "t1", scenario("TLS"));
      }
    }
  }

  private VerifierServer server() throws Exception {
    SipTls tls = new SipTls(SERVER.key(), SERVER.chain(), List.of(TLS.ca()));
    return VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()), null,
        Clock.systemUTC(), null, StirVerifierTest.verifier(), Sipp.freeSipPort(), null, null,
        new SipRedirectServer.TlsListener(Sipp.freeTcpPort(), tls)));
  }

  private Sipp.Tunnel tunnel(int tlsPort, LocalTlsPki.Issued client) throws Exception {
    Path ca = Files.writeString(Files.createTempFile(dir, "ca", ".pem"), LocalTlsPki.pem(TLS.ca()));
    if (client == null) {
      return Sipp.tlsTunnel(tlsPort, ca, null, null);
    }
    Path cert = Files.writeString(Files.createTempFile(dir, "client", ".pem"), client.chainPem());
    Path key = Files.writeString(Files.createTempFile(dir, "client", ".key"), client.keyPem());
    return Sipp.tlsTunnel(tlsPort, ca, cert, key);
  }

  /** The INVITE scenario with its Via transport: sipp's own ({@code [transport]}) or a fixed one (TLS behind socat). */
  private Path scenario(String viaTransport) throws Exception {
    String xml = new String(getClass().getResourceAsStream("/sipp/vesper-uac.xml").readAllBytes(), StandardCharsets.ISO_8859_1);
    return Files.writeString(Files.createTempFile(dir, "uac", ".xml"), xml.replace("SIP/2.0/[transport]", "SIP/2.0/" + viaTransport),
        StandardCharsets.ISO_8859_1);
  }

  /** sipp's injection file: one line per case (PASSporT, info, ppt parameter, From digits, To digits). */
  static Path injection(Path dir, List<StirCases.Case> cases) throws Exception {
    Map<StirCalls.Call, String> signed = StirCases.sign(cases);
    StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
    for (StirCases.Case c : cases) {
      String identity = signed.get(c.call());
      String passport = identity.substring(0, identity.indexOf(';'));
      String pptParam = c.call().ppt == null ? "x-case=base" : "ppt=" + c.call().ppt;
      csv.append(passport).append(';').append(StirCalls.INFO).append(';').append(pptParam).append(';')
          .append(c.call().orig).append(';').append(c.call().dest.get(0)).append('\n');
    }
    return Files.writeString(dir.resolve("calls.csv"), csv.toString());
  }

  private void assertVerdicts(List<StirCases.Case> cases, String target, String transport, Path scenario) throws Exception {
    Path run = Files.createTempDirectory(dir, "run-");
    int exit = Sipp.run(run, target, transport, scenario, injection(run, cases), cases.size());
    List<String> answers = Sipp.messages(run, "SIP/2\\.0 302");
    assertThat(answers).as("one 302 per call (sipp exit " + exit + ")").hasSize(cases.size());
    Path errors = run.resolve("errors.log");
    assertThat(Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "")
        .as("sipp's To-tag regexp (RFC 3261 §8.2.6.2) failed no call").doesNotContainIgnoringCase("regexp");
    for (int i = 0; i < cases.size(); i++) {
      StirCases.Case c = cases.get(i);
      String a = answers.get(i);
      assertThat(Sipp.values(a, "To")).as("every 302's To").singleElement().asString().matches(".*;tag=[^;>\\s]+.*");
      assertThat(find(a, "verstat=([A-Za-z-]+)")).as(c.name() + " verstat").isEqualTo(c.verstat());
      assertThat(find(a, "(?i)Reason:\\s*SIP\\s*;\\s*cause=(\\d+)")).as(c.name() + " cause").isEqualTo(c.cause());
      assertThat(find(a, "(?i)X-Vesper-Error:\\s*(\\S+)")).as(c.name() + " error").isEqualTo(c.error());
      assertThat(find(a, "(?i)X-Vesper-Tolerated:\\s*(\\S+)")).as(c.name() + " tolerated")
          .isEqualTo(c.call().signedOrig != null ? "orig.tn.canonicalized" : null);
      if (c.call().rcd != null) {
        // RFC 9796: the verified name as the display name, one RCD Call-Info (jCard, icon, call-reason).
        assertThat(find(a, "(?im)^Contact:\\s*\"([^\"]+)\"")).as(c.name() + " display name").isEqualTo(c.call().rcd.nam());
        String callInfo = String.join(",", Sipp.values(a, "Call-Info"));
        assertThat(callInfo).contains("purpose=rcd-jcard").contains("<" + StirCalls.ICON + ">;purpose=icon")
            .contains("call-reason=\"" + c.call().rcd.crn() + "\"");
      }
    }
  }

  static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
