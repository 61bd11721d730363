package dev.vesper.benchmarks;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.VerificationPolicy;
import dev.vesper.verifier.VerifiedPresentation;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The four operations of BRIEF §3 on one thread: issue a VESPER token, create a presentation that
 * reveals the name and the calling number (3 disclosures + KB-JWT), verify it cold (both signatures),
 * and verify it with the issuer signature cached. The same shapes run in interop/bench-peer.mjs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmarks {
  static final String AUD = "sip:verifier.example";
  static final String NONCE = "call-nonce-1";

  private TokenIssuer issuer;
  private IdentityAttributes attributes;
  private SigningKey holderKey;
  private PublicJwk holderPublic;
  private HolderToken holder;
  private Set<Disclosure> nameAndNumber;
  private KeyBindingRequest binding;
  private String presentation;
  private VerificationPolicy policy;
  private PresentationVerifier cold;
  private PresentationVerifier cached;
  private String presentationWithStatus;
  private VerificationPolicy statusPolicy;
  private byte[] kbSigningInput;
  private byte[] kbSignature;

  @Setup
  public void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    SigningKey issuerKey = SigningKey.generate(random, "bench-issuer");
    holderKey = SigningKey.generate(random, null);
    holderPublic = holderKey.publicJwk();
    issuer = TokenIssuer.create(issuerKey, "https://issuer.example", Clock.systemUTC(), Randomness.from(random));
    attributes =
        IdentityAttributes.fromInput(
            Json.parseObject(
                "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\","
                    + "\"address\":{\"street_address\":\"1 Main St\",\"locality\":\"Washington\",\"country\":\"US\"},"
                    + "\"kyc\":{\"level\":\"substantial\",\"method\":\"document\",\"vetted_at\":1764288000},"
                    + "\"tn\":[\"+12025550100\",\"+12025550101\",{\"start\":\"12025550200\",\"count\":100}]}"));
    holder = HolderToken.fromTrustedStore(issuer.issue(attributes, holderPublic, Duration.ofDays(365)), Limits.DEFAULT);
    nameAndNumber = new LinkedHashSet<>();
    nameAndNumber.addAll(ClaimSelector.parse("name").select(holder));
    nameAndNumber.addAll(ClaimSelector.parse("tn=12025550100").select(holder));
    binding = new KeyBindingRequest(AUD, NONCE, Instant.now().getEpochSecond());
    presentation = holder.present(nameAndNumber, holderKey, binding);
    policy =
        VerificationPolicy.builder(TrustedKeys.of(issuerKey.publicJwk()))
            .expectAudience(AUD)
            .expectNonce(NONCE)
            .maxKeyBindingAge(Duration.ofHours(1))
            .build();
    String kb = presentation.substring(presentation.lastIndexOf('~') + 1);
    kbSigningInput = kb.substring(0, kb.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    kbSignature = Base64Url.decode(kb.substring(kb.lastIndexOf('.') + 1), "sig");
    cold = PresentationVerifier.withoutSignatureCache();
    cached = PresentationVerifier.create();
    cached.verify(presentation, policy);

    // The same, with a status reference into a 16,384-entry list the verifier has cached (fetched once).
    String listUri = "https://issuer.example/status-lists/1";
    Instant now = Instant.now();
    HolderToken withStatus = HolderToken.fromTrustedStore(issuer.issue(attributes, holderPublic, now, now.plus(Duration.ofDays(365)),
        new StatusReference(listUri, 4711)), Limits.DEFAULT);
    Set<Disclosure> name = new LinkedHashSet<>(ClaimSelector.parse("name").select(withStatus));
    presentationWithStatus = withStatus.present(name, holderKey, binding);
    StatusList list = StatusList.allValid(2, 1 << 14);
    list.set(12, 1);
    String listToken = StatusListToken.sign(list, listUri, now, now.plus(Duration.ofDays(1)), Duration.ofHours(1), issuerKey);
    statusPolicy =
        VerificationPolicy.builder(TrustedKeys.of(issuerKey.publicJwk()))
            .expectAudience(AUD)
            .expectNonce(NONCE)
            .maxKeyBindingAge(Duration.ofHours(1))
            .checkStatus(StatusLists.using(uri -> listToken, Clock.systemUTC()))
            .build();
    cached.verify(presentationWithStatus, statusPolicy);
  }

  /** The floor: one ES256 verification with a parsed, warm key (every verify pays one or two). */
  @Benchmark
  public boolean es256VerifyFloor() {
    return holderPublic.verify(kbSigningInput, kbSignature);
  }

  @Benchmark
  public String issue() throws Exception {
    return issuer.issue(attributes, holderPublic, Duration.ofDays(365));
  }

  @Benchmark
  public String present() throws Exception {
    return holder.present(nameAndNumber, holderKey, binding);
  }

  @Benchmark
  public VerifiedPresentation verifyCold() throws Exception {
    return cold.verify(presentation, policy);
  }

  @Benchmark
  public VerifiedPresentation verifyIssuerSignatureCached() throws Exception {
    return cached.verify(presentation, policy);
  }

  /** As {@link #verifyIssuerSignatureCached}, plus the status check against a cached status list. */
  @Benchmark
  public VerifiedPresentation verifyCachedWithStatus() throws Exception {
    return cached.verify(presentationWithStatus, statusPolicy);
  }
}
