package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.sip.LocalTlsPki;
import dev.vesper.server.sip.LocalTlsPki.Issued;
import dev.vesper.server.sip.SipRedirectServer.TlsListener;
import dev.vesper.server.sip.SipTls;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.Sipp;
import dev.vesper.server.testing.Sipp.Tunnel;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The STI-AS over SIP with sipp as the originating proxy: a call of the tenant comes back 302 with a
 * VESPER and a SHAKEN Identity header the STI-VS accepts; a call no token covers comes back unsigned with
 * the reason; an unknown API key gets 403. A missing sipp fails the test.
 */
class SipSigningTest {
  @TempDir Path dir;

  @Test
  void callsAreSignedOverSip() throws Exception {
    assertThat(Files.isExecutable(Path.of("/usr/bin/sipp"))).as("sipp (Debian package sip-tester); ./run-tests installs it").isTrue();
    StiPki pki = StiPki.generate(new SecureRandom(), "Test");
    StiPki.Credential carrier = pki.issue("Holder STI-AS", new TnAuthList(List.of(new TnAuthList.Range("12025550200", 100))));
    int sipPort = Sipp.freeSipPort();
    LocalTlsPki tlsPki = LocalTlsPki.generate(new SecureRandom(), "Test");
    Issued tlsServer = tlsPki.server("localhost", "127.0.0.1");
    try (HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dir.resolve("db"), null,
        TrustedKeys.of(Fixtures.issuerKey().publicJwk()), HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK), 1000, 1000,
        Clock.systemUTC(), null, new StiCredential(carrier.key(), carrier.x5c(), "https://cert.holder.example/sti.pem"), sipPort,
        WalletConfig.defaults(), new TlsListener(
            Sipp.freeTcpPort(), new SipTls(tlsServer.key(), tlsServer.chain(),
                List.of(tlsPki.ca())))))) {
      assertThat(server.sipPort()).isEqualTo(sipPort);
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "Acme"));
      Api acme = new Api(base, created.string("api_key"));
      assertThat(acme.post("/v1/tokens", Map.of("token", new TokenFactory().issue(JourneysTest.ENTERPRISE, HolderHarness.newKey(acme))))
          .status()).isEqualTo(201);

      Path inf = dir.resolve("calls.csv");
      Files.writeString(inf, "SEQUENTIAL\n"
          + "12025550250;14155550123;" + created.string("api_key") + "\n"
          + "13035550100;14155550123;" + created.string("api_key") + "\n"
          + "12025550250;14155550123;vsk_not-a-key\n");
      Path scenario = dir.resolve("uac.xml");
      Files.copy(Path.of(getClass().getResource("/sipp/sti-as-uac.xml").toURI()), scenario);
      Path trace = dir.resolve("messages.log");
      Process sipp = new ProcessBuilder("/usr/bin/sipp", "127.0.0.1:" + sipPort, "-sf", scenario.toString(), "-inf", inf.toString(),
          "-m", "3", "-l", "1", "-r", "10", "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-timeout", "30",
          "-nostdin", "-bg", "-trace_msg", "-message_file", trace.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sipp.out").toFile()).start();
      assertThat(sipp.waitFor(60, TimeUnit.SECONDS)).isTrue();
      List<String> answers = waitForAnswers(trace, 3);
      assertThat(answers).hasSize(3);
      for (String answer : answers) {
        assertThat(values(answer, "To")).as("RFC 3261 §8.2.6.2: a final response's To carries a tag")
            .singleElement().asString().matches(".*;tag=[^;>\\s]+.*");
      }

      List<String> identities = values(answers.get(0), "Identity");
      assertThat(answers.get(0)).startsWith("SIP/2.0 302");
      assertThat(identities).hasSize(2);
      assertThat(identities.get(0)).contains("ppt=vesper");
      assertThat(identities.get(1)).contains("ppt=shaken");
      // By reference (the default): x5u = info, the presentation fetched from the holder.
      assertThat(String.join("\n", identities).length()).as("both headers together").isLessThan(2048);
      StirVerifier vs = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
          TrustedKeys.of(Fixtures.issuerKey().publicJwk())).fetchX5u(uri -> carrier.x5c()).fetchReferences((url, max) -> {
            try {
              return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                  URI.create(url.replace("https://cert.holder.example", base))).build(),
                  BodyHandlers.ofByteArray()).body();
            } catch (IOException | InterruptedException e) {
              throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, e.toString());
            }
          }).build();
      StirResult r = vs.verify(identities, new TelephoneNumber("12025550250"), List.of(new TelephoneNumber("14155550123")));
      assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
      assertThat(r.vesper()).get().satisfies(v -> assertThat(v.toJson()).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc.")));

      assertThat(answers.get(1)).startsWith("SIP/2.0 302");
      assertThat(values(answers.get(1), "Identity")).isEmpty();
      assertThat(values(answers.get(1), "X-Vesper-Error")).containsExactly("holder.no_token_for_number");
      assertThat(answers.get(2)).startsWith("SIP/2.0 403");

      // The same signing over TLS (sips:, mutual TLS; sipp's TCP carried by socat): signed, and verified.
      Path tlsDir = Files.createDirectories(dir.resolve("tls"));
      Path ca = Files.writeString(tlsDir.resolve("ca.pem"), LocalTlsPki.pem(tlsPki.ca()));
      Issued proxy = tlsPki.client("Originating proxy");
      Path cert = Files.writeString(tlsDir.resolve("proxy.pem"), proxy.chainPem());
      Path key = Files.writeString(tlsDir.resolve("proxy.key"), proxy.keyPem());
      Path tlsScenario = Files.writeString(tlsDir.resolve("uac.xml"), Files.readString(scenario).replace("SIP/2.0/[transport]", "SIP/2.0/TLS"));
      // The same callee as the first call: the enterprise's pool rotates per audience and holds one token.
      Path tlsInf = Files.writeString(tlsDir.resolve("calls.csv"), "SEQUENTIAL\n12025550251;14155550123;" + created.string("api_key") + "\n");
      try (Tunnel tunnel = Sipp.tlsTunnel(server.sipsPort(), ca, cert, key)) {
        Sipp.run(tlsDir, "127.0.0.1:" + tunnel.port(), "t1", tlsScenario, tlsInf, 1);
      }
      List<String> overTls = Sipp.messages(tlsDir, "SIP/2\\.0 302");
      assertThat(overTls).as("a 302 over TLS").hasSize(1);
      StirResult tls = vs.verify(values(overTls.get(0), "Identity"), new TelephoneNumber("12025550251"), List.of(new TelephoneNumber("14155550123")));
      assertThat(tls.passed()).as(String.valueOf(tls.toJson())).isTrue();
    }
  }

  /**
   * The final responses sipp received, in order, one per call (each as its start line and headers): a
   * retransmitted answer (the INVITE was retransmitted on a busy machine) is counted once.
   */
  private static List<String> waitForAnswers(Path trace, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    List<String> out = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      out.clear();
      if (Files.exists(trace)) {
        Matcher m = Pattern.compile("(SIP/2\\.0 (?:302|403)[^\\n]*\\n.*?)\\r?\\n\\r?\\n", Pattern.DOTALL)
            .matcher(Files.readString(trace, StandardCharsets.ISO_8859_1));
        Set<String> calls = new HashSet<>();
        while (m.find()) {
          if (calls.add(String.valueOf(values(m.group(1), "Call-ID")))) {
            out.add(m.group(1));
          }
        }
        if (out.size() >= count) {
          return out;
        }
      }
      Thread.sleep(200);
    }
    return out;
  }

  private static List<String> values(String message, String header) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?im)^" + Pattern.quote(header) + ":\\s*(.+?)\\r?$").matcher(message);
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
