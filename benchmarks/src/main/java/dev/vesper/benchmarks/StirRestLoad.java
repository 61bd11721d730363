package dev.vesper.benchmarks;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import dev.vesper.verifier.stir.StirVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * STI-VS throughput over REST: starts the verifier service with an STI-VS (a test PKI of its own),
 * pre-signs {@code CALLS} distinct VESPER calls (each its own PASSporT and call-bound presentation, as
 * real traffic is: a repeated PASSporT would be a replay), writes the request bodies to a file, and runs
 * wrk against {@code POST /stir/v1/verification} with a Lua script that sends each body once. The
 * issuer signature and the certificate chain repeat across calls, as they do for one caller's traffic.
 *
 * <pre>java -cp benchmarks/target/vesper-benchmarks.jar dev.vesper.benchmarks.StirRestLoad [CALLS] [CONNECTIONS] [SECONDS]</pre>
 */
public final class StirRestLoad {
  private StirRestLoad() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    SecureRandom random = new SecureRandom();
    SigningKey issuerKey = SigningKey.generate(random, "bench-issuer");
    SigningKey holderKey = SigningKey.generate(random, null);
    StiPki pki = StiPki.generate(random, "Bench");
    StiPki.Credential carrier = pki.issue("Bench carrier", new TnAuthList(List.of(new TnAuthList.Range("12025550000", 10000))));
    StirVerifier stir = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
        TrustedKeys.of(issuerKey.publicJwk())).build();
    Instant now = Instant.now();
    String token = TokenIssuer.create(issuerKey, "https://issuer.example", Clock.systemUTC(), Randomness.secure())
        .issue(IdentityAttributes.fromInput(Json.parseObject(
            "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\",\"tn\":[{\"start\":\"12025550000\",\"count\":10000}]}")),
            holderKey.publicJwk(), now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    HolderToken holder = HolderToken.fromTrustedStore(token, Limits.DEFAULT);

    long started = System.nanoTime();
    Path bodies = Files.createTempFile("stir-bodies-", ".jsonl");
    StringBuilder out = new StringBuilder();
    long iat = Instant.now().getEpochSecond();
    TelephoneNumber orig = new TelephoneNumber("12025550100");
    Set<Disclosure> disclose = new LinkedHashSet<>(ClaimSelector.parse("name").select(holder));
    disclose.addAll(ClaimSelector.number(orig).select(holder));
    for (int i = 0; i < calls; i++) {
      String dest = Long.toString(14150000000L + i);
      CallBinding call = new CallBinding(orig, List.of(new TelephoneNumber(dest)), iat, null);
      String presentation = holder.present(disclose, holderKey, new KeyBindingRequest(call.audience(), call.nonce(), iat));
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("orig", Map.of("tn", orig.digits()));
      payload.put("dest", Map.of("tn", List.of(dest)));
      payload.put("iat", iat);
      payload.put("vesper", presentation);
      String passport = Passport.sign(Map.of("ppt", "vesper", "x5c", carrier.x5c()), payload, carrier.key());
      String identity = IdentityHeader.of(passport, "https://cert.example/bench.pem", "vesper").toString();
      out.append(Json.write(Map.of("verificationRequest", Map.of("from", Map.of("tn", "+" + orig.digits()),
          "to", Map.of("tn", List.of("+" + dest)), "time", iat, "identity", identity)))).append('\n');
    }
    Files.writeString(bodies, out);
    System.out.printf("pre-signed %d calls in %.1f s%n", calls, (System.nanoTime() - started) / 1e9);

    Path lua = Files.createTempFile("stir-", ".lua");
    Files.writeString(lua, """
        local bodies = {}
        for line in io.lines("%s") do bodies[#bodies + 1] = line end
        local i = 0
        init = function(args) i = tonumber(args[1]) or 0 end
        request = function()
          i = i + 1
          if i > #bodies then i = 1 end
          return wrk.format("POST", "/stir/v1/verification", {["Content-Type"] = "application/json"}, bodies[i])
        end
        done = function(summary, latency, requests)
          io.write(string.format("sent %%d of %%d distinct calls\\n", summary.requests, #bodies))
        end
        """.formatted(bodies));
    try (VerifierServer server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(issuerKey.publicJwk()), null,
        Clock.systemUTC(), null, stir))) {
      String url = "http://127.0.0.1:" + server.port();
      System.out.println("== warm-up (3 s, first half of the calls)");
      new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d3s", "-s", lua.toString(), url, "--", "0")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      System.out.println("== measured run (second half of the calls, each sent once)");
      Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", lua.toString(), url,
          "--", Integer.toString(calls / 2)).inheritIO().start();
      wrk.waitFor();
      String sample = Files.readAllLines(bodies).get(calls / 2 - 1);
      HttpResponse<String> check = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "/stir/v1/verification")).header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString(sample)).build(), BodyHandlers.ofString());
      Object verdict = ((Map<?, ?>) Json.parseObject(check.body()).get("verificationResponse")).get("verstat");
      System.out.println("sanity: a call the warm-up did not reach verifies as " + verdict);
    }
  }
}
