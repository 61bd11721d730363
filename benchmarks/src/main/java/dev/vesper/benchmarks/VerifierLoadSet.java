package dev.vesper.benchmarks;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import java.io.BufferedWriter;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The request bodies of benchmarks/verifier-wrk.sh: {@code TOKENS} tokens from one issuer, each for its
 * own holder key, and {@code PER_TOKEN} call presentations of each (name and the calling number, KB-JWT
 * bound to a distinct call), one {@code POST /v1/presentations/verify} body a line in
 * {@code OUT_FILE}, and the issuer's metadata document for {@code --trust-issuer} beside the issuer's
 * private JWK ({@code issuer-metadata.json}). One token with 2,000 presentations is the "one caller" case (the issuer
 * signature is a cache hit after the first); many tokens with one presentation each is the "every call
 * from another token" case (two signatures and a new holder key per request). KB-JWTs carry the current
 * time, so the set must be used within the verifier's 5-minute window.
 *
 * <pre>java -cp benchmarks/target/vesper-benchmarks.jar dev.vesper.benchmarks.VerifierLoadSet ISSUER_KEY_FILE OUT_FILE TOKENS PER_TOKEN</pre>
 */
public final class VerifierLoadSet {
  static final String ISSUER = "https://issuer.bench.example";
  private static final String CLAIMS =
      "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\",\"address\":{\"locality\":\"Washington\",\"country\":\"US\"},"
          + "\"kyc\":{\"level\":\"substantial\",\"method\":\"document\"},\"tn\":[\"+12025550100\",{\"start\":\"12025550200\",\"count\":100}]}";

  private VerifierLoadSet() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: VerifierLoadSet ISSUER_KEY_FILE OUT_FILE TOKENS PRESENTATIONS_PER_TOKEN");
      System.exit(2);
    }
    Path keyFile = Path.of(args[0]);
    Path bodiesFile = Path.of(args[1]);
    int tokens = Integer.parseInt(args[2]);
    int perToken = Integer.parseInt(args[3]);
    SigningKey issuerKey = SigningKey.parse(Files.readString(keyFile));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("issuer", ISSUER);
    metadata.put("jwks", Map.of("keys", List.of(issuerKey.publicJwk().toJson())));
    Files.writeString(keyFile.resolveSibling("issuer-metadata.json"), Json.write(metadata));
    TokenIssuer issuer = TokenIssuer.create(issuerKey, ISSUER, Clock.systemUTC(), Randomness.secure());
    IdentityAttributes attributes = IdentityAttributes.fromInput(Json.parseObject(CLAIMS));
    long iat = Instant.now().getEpochSecond();

    long started = System.nanoTime();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> chunks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) tokens * t / threads);
      int to = (int) ((long) tokens * (t + 1) / threads);
      chunks.add(pool.submit(() -> bodies(issuer, attributes, from, to, perToken, iat)));
    }
    try (BufferedWriter w = Files.newBufferedWriter(bodiesFile)) {
      for (Future<String> chunk : chunks) {
        w.write(chunk.get());
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("%d presentations of %d token(s) in %.1f s%n", (long) tokens * perToken, tokens,
        (System.nanoTime() - started) / 1e9);
  }

  /** Tokens {@code from..to-1}, each with {@code perToken} presentations to distinct callees. */
  private static String bodies(TokenIssuer issuer, IdentityAttributes attributes, int from, int to, int perToken, long iat)
      throws Exception {
    SecureRandom random = new SecureRandom();
    TelephoneNumber orig = new TelephoneNumber("12025550100");
    StringBuilder out = new StringBuilder();
    for (int t = from; t < to; t++) {
      SigningKey holderKey = SigningKey.generate(random, null);
      HolderToken holder = HolderToken.fromTrustedStore(issuer.issue(attributes, holderKey.publicJwk(), Duration.ofDays(1)), Limits.DEFAULT);
      Set<Disclosure> disclose = new LinkedHashSet<>(ClaimSelector.parse("name").select(holder));
      disclose.addAll(ClaimSelector.number(orig).select(holder));
      for (int p = 0; p < perToken; p++) {
        CallBinding call = new CallBinding(orig, List.of(new TelephoneNumber(Long.toString(14150000000L + (long) t * perToken + p))), iat, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("presentation", holder.present(disclose, holderKey, new KeyBindingRequest(call.audience(), call.nonce(), iat)));
        body.put("aud", call.audience());
        body.put("nonce", call.nonce());
        body.put("require", List.of("name"));
        out.append(Json.write(body)).append('\n');
      }
    }
    return out.toString();
  }
}
