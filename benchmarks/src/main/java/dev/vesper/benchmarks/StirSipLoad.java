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
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * STI-VS throughput over SIP: the verifier's redirect server in this JVM, sipp (Debian's sip-tester)
 * placing distinct pre-signed VESPER calls at rising rates for {@code SECONDS} each; for each rate it
 * reports the calls completed, the INVITE→302 response time (p50, p99) from sipp's per-call RTT log and
 * the verifier JVM's CPU time per call (robust on a shared machine)
 * (millisecond resolution, as sipp measures), after an unreported warm-up round at 400 calls/s. All calls
 * are signed before the first round (and the heap collected between rounds), so signing does not compete
 * with the measured rounds; the verifier's freshness window is 5 minutes (RFC 8224 allows configuring
 * it) so the pre-signed calls stay fresh through every round. Then, in the same run, the REST face is measured ({@link StirRestLoad}, 2
 * connections) for the comparison the issue asks for.
 *
 * <pre>java -cp benchmarks/target/vesper-benchmarks.jar dev.vesper.benchmarks.StirSipLoad [SECONDS] [RATE...]</pre>
 */
public final class StirSipLoad {
  private StirSipLoad() {}

  /** This JVM's CPU time so far (all threads): CPU per call does not depend on what else the machine runs. */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Integer> rates = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rates.add(Integer.parseInt(args[i]));
    }
    if (rates.isEmpty()) {
      rates = List.of(200, 400, 800, 1200);
    }
    SecureRandom random = new SecureRandom();
    SigningKey issuerKey = SigningKey.generate(random, "bench-issuer");
    SigningKey holderKey = SigningKey.generate(random, null);
    StiPki pki = StiPki.generate(random, "Bench");
    StiPki.Credential carrier = pki.issue("Bench carrier", new TnAuthList(List.of(new TnAuthList.Range("12025550000", 10000))));
    Instant now = Instant.now();
    HolderToken holder = HolderToken.fromTrustedStore(TokenIssuer.create(issuerKey, "https://issuer.example", Clock.systemUTC(), Randomness.secure())
        .issue(IdentityAttributes.fromInput(Json.parseObject(
            "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\",\"tn\":[{\"start\":\"12025550000\",\"count\":10000}]}")),
            holderKey.publicJwk(), now.minusSeconds(60), now.plus(Duration.ofDays(1))), Limits.DEFAULT);
    StirVerifier stir = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
        TrustedKeys.of(issuerKey.publicJwk())).freshness(Duration.ofMinutes(5)).build();
    Path dir = Files.createTempDirectory("stir-sip-");
    Path scenario = dir.resolve("uac.xml");
    try (InputStream in = StirSipLoad.class.getResourceAsStream("/sipp/vesper-uac-timed.xml")) {
      Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
    }
    int sipPort;
    try (DatagramSocket s = new DatagramSocket(0)) {
      sipPort = s.getLocalPort();
    }
    TelephoneNumber orig = new TelephoneNumber("12025550100");
    Set<Disclosure> disclose = new LinkedHashSet<>(ClaimSelector.parse("name").select(holder));
    disclose.addAll(ClaimSelector.number(orig).select(holder));
    long destCounter = 14150000000L;
    System.out.println("| offered calls/s | completed | calls/s achieved | p50 | p99 | verifier CPU per call |");
    System.out.println("|---|---|---|---|---|---|");
    try (VerifierServer server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(issuerKey.publicJwk()), null,
        Clock.systemUTC(), null, stir, sipPort))) {
      List<Integer> runs = new ArrayList<>();
      runs.add(-400); // warm-up at 400 calls/s, not reported
      runs.addAll(rates);
      // Every round's calls are signed before any is measured (signing allocates; it must not run under load).
      long iat = Instant.now().getEpochSecond();
      Map<Integer, Path> injections = new LinkedHashMap<>();
      for (int run : runs) {
        int rate = Math.abs(run);
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < rate * seconds; i++) {
          String dest = Long.toString(destCounter++);
          CallBinding call = new CallBinding(orig, List.of(new TelephoneNumber(dest)), iat, null);
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("orig", Map.of("tn", orig.digits()));
          payload.put("dest", Map.of("tn", List.of(dest)));
          payload.put("iat", iat);
          payload.put("vesper", holder.present(disclose, holderKey, new KeyBindingRequest(call.audience(), call.nonce(), iat)));
          csv.append(Passport.sign(Map.of("ppt", "vesper", "x5c", carrier.x5c()), payload, carrier.key()))
              .append(";https://cert.example/bench.pem;vesper;").append(orig.digits()).append(';').append(dest).append('\n');
        }
        Path inf = dir.resolve("calls-" + run + ".csv");
        Files.writeString(inf, csv);
        injections.put(run, inf);
      }
      for (int run : runs) {
        boolean warmUp = run < 0;
        int rate = Math.abs(run);
        int calls = rate * seconds;
        System.gc();
        Path inf = injections.get(run);
        Path rtt = dir.resolve("rtt-" + rate + ".csv");
        long cpuBefore = cpuNanos();
        long started = System.nanoTime();
        Process sipp = new ProcessBuilder("sipp", "127.0.0.1:" + sipPort, "-sf", scenario.toString(), "-inf", inf.toString(),
            "-m", Integer.toString(calls), "-r", Integer.toString(rate), "-l", Integer.toString(Math.max(100, rate)),
            "-i", "127.0.0.1", "-timeout", Integer.toString(seconds * 4 + 20), "-nostdin", "-trace_rtt", "-rtt_freq", "1",
            "-trace_err", "-error_file", dir.resolve("err-" + rate + ".log").toString())
            .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sipp-" + rate + ".out").toFile()).start();
        sipp.waitFor(seconds * 4L + 60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpuPerCall = (cpuNanos() - cpuBefore) / 1e6 / calls;
        List<Double> times = new ArrayList<>();
        try (var files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
            for (String line : Files.readAllLines(f)) {
              String[] parts = line.split(";");
              if (parts.length >= 3 && parts[1].matches("[0-9.]+")) {
                times.add(Double.parseDouble(parts[1]));
              }
            }
            Files.delete(f);
          }
        }
        Collections.sort(times);
        String p50 = times.isEmpty() ? "-" : String.format("%.2f ms", times.get(times.size() / 2));
        String p99 = times.isEmpty() ? "-" : String.format("%.2f ms", times.get(Math.min(times.size() - 1, (int) (times.size() * 0.99))));
        if (!warmUp) {
          System.out.printf("| %d | %d of %d | %.0f | %s | %s | %.2f ms |%n", rate, times.size(), calls, times.size() / elapsed, p50, p99,
              cpuPerCall);
        }
      }
    }
    System.out.println();
    System.out.println("REST face, same run (StirRestLoad, 2 connections, " + seconds * 2 + " s):");
    StirRestLoad.main(new String[] {"30000", "2", Integer.toString(seconds * 2)});
  }
}
