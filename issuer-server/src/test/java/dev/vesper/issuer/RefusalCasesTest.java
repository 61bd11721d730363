package dev.vesper.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.server.testing.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One JSON file per refusal (src/test/resources/refusals): a fresh entity walks the steps
 * {@code review → kyc → numbers → tokens}, each with good evidence unless the file changes it; the
 * step named {@code fails_at} must be refused with {@code expect} and {@code status}, and every step
 * before it must succeed.
 */
class RefusalCasesTest {
  @TempDir
  static Path dir;
  static IssuerHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new IssuerHarness("sqlite", dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static Stream<Path> cases() throws Exception {
    Path d = Path.of(RefusalCasesTest.class.getResource("/refusals").toURI());
    try (Stream<Path> files = Files.list(d)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void refusedWithItsStableError(Path file) throws Exception {
    Map<String, Object> c = Json.parseObject(Files.readString(file));
    assertThat((String) c.get("desc")).isNotBlank();
    String failsAt = (String) c.get("fails_at");
    Api entity = h.register((String) c.getOrDefault("attributes_json", IssuerHarness.ACME));
    Api other = h.register(IssuerHarness.ACME);
    String id = entity.tenantId();
    for (String step : List.of("review", "kyc", "numbers", "tokens", "action")) {
      Map<String, Object> spec = (Map<String, Object>) c.get(step);
      if (spec == null && (step.equals("review") || step.equals("action") || ((List<String>) c.getOrDefault("skip", List.of())).contains(step))) {
        continue;
      }
      spec = spec == null ? Map.of() : spec;
      Api.Reply reply = switch (step) {
        case "review" -> h.operator.post("/v1/entities/" + id + "/review", spec);
        case "kyc" -> entity.post("/v1/entities/" + id + "/kyc", Map.of("attestation", attestation(spec, id)));
        case "numbers" -> numbers(spec, entity, id);
        case "tokens" -> tokens(spec, entity, id);
        default -> action(spec, entity, other, id);
      };
      if (step.equals(failsAt)) {
        assertThat(reply.error()).as(c.get("desc") + ": " + reply.raw().body()).isEqualTo(c.get("expect"));
        assertThat(reply.status()).isEqualTo(((Number) c.get("status")).intValue());
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
        return;
      }
      assertThat(reply.status()).as(step + " should succeed: " + reply.raw().body()).isBetween(200, 201);
    }
    throw new AssertionError("fails_at step " + failsAt + " never ran");
  }

  @Test
  void everyVettingAndIssuanceErrorHasARefusalCase() throws Exception {
    Set<ErrorCode> covered = EnumSet.noneOf(ErrorCode.class);
    for (Path p : cases().toList()) {
      covered.add(ErrorCode.fromId((String) Json.parseObject(Files.readString(p)).get("expect")));
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (code.stage() == Stage.VETTING || code.name().startsWith("ISSUANCE_PROOF")
          || code.name().startsWith("ISSUANCE_NONCE") || code == ErrorCode.ISSUANCE_STATUS_CONFLICT) {
        assertThat(covered).as("refusal case for " + code.id()).contains(code);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private String attestation(Map<String, Object> spec, String id) {
    SigningKey signer = signer((String) spec.getOrDefault("signer", "provider"));
    Map<String, Object> verified = (Map<String, Object>) spec.getOrDefault("verified", IssuerHarness.acmeVerified());
    String sub = "other".equals(spec.get("sub")) ? "ent_someone_else" : id;
    long expIn = ((Number) spec.getOrDefault("exp_in", 3600)).longValue();
    return h.attestation(signer, sub, verified, expIn, (Map<String, Object>) spec.getOrDefault("overrides", Map.of()));
  }

  @SuppressWarnings("unchecked")
  private Api.Reply numbers(Map<String, Object> spec, Api entity, String id) {
    List<TnAuthList.Entry> entries = new ArrayList<>();
    for (Object n : (List<Object>) spec.getOrDefault("numbers", List.of("12025550100", Map.of("start", "12025550200", "count", 100L)))) {
      entries.add(n instanceof String s ? new TnAuthList.One(s) : new TnAuthList.Range((String) ((Map<?, ?>) n).get("start"),
          ((Number) ((Map<?, ?>) n).get("count")).longValue()));
    }
    String jti = "jti-" + id;
    String sub = "other".equals(spec.get("sub")) ? "ent_someone_else" : id;
    String token = h.authorityToken(signer((String) spec.getOrDefault("signer", "authority")), sub, new TnAuthList(entries), jti);
    if (spec.containsKey("atc") || spec.containsKey("exp_in")) {
      CompactJws jws = parse(token);
      Map<String, Object> claims = new LinkedHashMap<>(jws.payload());
      if (spec.containsKey("atc")) {
        Map<String, Object> atc = new LinkedHashMap<>((Map<String, Object>) claims.get("atc"));
        atc.putAll((Map<String, Object>) spec.get("atc"));
        claims.put("atc", atc);
      }
      if (spec.containsKey("exp_in")) {
        claims.put("exp", Instant.now().getEpochSecond() + ((Number) spec.get("exp_in")).longValue());
      }
      token = CompactJws.sign(jws.header(), claims, h.authority);
    }
    if (Boolean.TRUE.equals(spec.get("replay"))) {
      IssuerHarness.expect(entity.post("/v1/entities/" + id + "/numbers", Map.of("authority_token", token)), 200);
    }
    return entity.post("/v1/entities/" + id + "/numbers", Map.of("authority_token", token));
  }

  private Api.Reply tokens(Map<String, Object> spec, Api entity, String id) {
    SigningKey holder = IssuerHarness.newHolderKey();
    String nonce = switch ((String) spec.getOrDefault("nonce", "fresh")) {
      case "unknown" -> "bm90LWEtbm9uY2UtZnJvbS11cw";
      case "reused" -> {
        String n = h.nonce(entity);
        IssuerHarness.expect(entity.post("/v1/entities/" + id + "/tokens", Map.of("proofs", List.of(h.proof(holder, n)))), 201);
        yield n;
      }
      default -> h.nonce(entity);
    };
    SigningKey signer = "other".equals(spec.get("signer")) ? IssuerHarness.newHolderKey() : holder;
    String aud = "other".equals(spec.get("aud")) ? "https://another-issuer.example" : h.base;
    long iat = Instant.now().getEpochSecond() + ((Number) spec.getOrDefault("iat_offset", 0)).longValue();
    String proof = IssuerHarness.proof(signer, holder.publicJwk(), nonce, aud, iat);
    if (spec.containsKey("typ")) {
      CompactJws jws = parse(proof);
      Map<String, Object> header = new LinkedHashMap<>(jws.header());
      header.put("typ", spec.get("typ"));
      proof = CompactJws.sign(header, jws.payload(), signer);
    }
    List<String> proofs = Boolean.TRUE.equals(spec.get("repeat_key")) ? List.of(proof, proof) : List.of(proof);
    return entity.post("/v1/entities/" + id + "/tokens", Map.of("proofs", proofs));
  }

  /** A follow-up action after issuance: {@code suspend_as_entity}, {@code read_other}, {@code reinstate_valid}, {@code release}. */
  private Api.Reply action(Map<String, Object> spec, Api entity, Api other, String id) {
    String tokenId = (String) IssuerHarness.expect(entity.get("/v1/entities/" + id + "/tokens"), 200).list("tokens").get(0).get("id");
    return switch ((String) spec.get("do")) {
      case "suspend_as_entity" -> entity.post("/v1/tokens/" + tokenId + "/suspend", Map.of("reason", "holder_request"));
      case "read_other" -> other.get("/v1/tokens/" + tokenId);
      case "reinstate_valid" -> h.operator.post("/v1/tokens/" + tokenId + "/reinstate", Map.of("reason", "holder_request"));
      case "revoke_bad_reason" -> h.operator.post("/v1/tokens/" + tokenId + "/revoke", Map.of("reason", "because"));
      case "release" -> entity.post("/v1/entities/" + id + "/numbers/release", Map.of("numbers", List.of("+1 202 555 0100"), "reason", spec.get("reason")));
      default -> throw new IllegalArgumentException("unknown action");
    };
  }

  private static SigningKey signer(String who) {
    return switch (who) {
      case "provider" -> h.kycProvider;
      case "authority" -> h.authority;
      case "stranger_same_kid" -> h.stranger;
      case "stranger" -> strangerOwnKid;
      case "stranger_authority_kid" -> forgedAuthority;
      default -> throw new IllegalArgumentException(who);
    };
  }

  private static final SigningKey forgedAuthority = SigningKey.generate(new SecureRandom(), "na-1");
  private static final SigningKey strangerOwnKid = SigningKey.generate(new SecureRandom(), "someone-else");

  private static CompactJws parse(String jws) {
    try {
      return CompactJws.parse(jws, "test");
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }
}
