package dev.vesper.verifier.stir;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.RichCallData;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds calls for the STI-VS tests: a test STI PKI, a carrier certificate for Acme's numbers, a VESPER
 * token for Acme, and Identity headers made exactly as an STI-AS makes them, or with one deviation.
 */
final class StirCalls {
  static final String CRL_URL = "https://crl.sti-pa.example/sti-ca.crl";
  static final StiPki PKI = StiPki.generate(new SecureRandom(), "Test").withCrlDistributionPoint(CRL_URL);
  static final TnAuthList ACME_NUMBERS = new TnAuthList(List.of(new TnAuthList.One("12025550100"), new TnAuthList.Range("12025550200", 100)));
  static final StiPki.Credential CARRIER = PKI.issue("Acme's carrier", ACME_NUMBERS);
  /** A carrier certificate the STI-CA has revoked: listed on {@link #CRL}. */
  static final StiPki.Credential REVOKED_CARRIER = PKI.issue("Acme's former carrier", ACME_NUMBERS);
  static final X509CRL CRL = PKI.crl(List.of(REVOKED_CARRIER.chain().get(0)), Instant.now().minusSeconds(60),
      Instant.now().plus(Duration.ofDays(1)));
  static final String STATUS_URI = "https://issuer.example/status-lists/1";
  static final String INFO = "https://cert.carrier.example/acme.pem";
  static final String ICON = "https://cdn.acme.example/logo.png";
  static final byte[] ICON_BYTES = "PNG... Acme's logo".getBytes(StandardCharsets.US_ASCII);
  /** What the test verifiers' reference fetcher serves: presentations by reference, the icon. */
  static final Map<String, byte[]> SERVED = new ConcurrentHashMap<>(Map.of(ICON, ICON_BYTES));
  private static final AtomicLong REFERENCE_IDS = new AtomicLong();

  private StirCalls() {}

  /** One call's parts, all adjustable before {@link #identity()}. */
  static final class Call {
    String orig = "12025550100";
    List<String> dest = List.of("14155550123");
    long iat = Instant.now().getEpochSecond();
    /** Null: no origid claim. */
    String origid = "123e4567-e89b-12d3-a456-426655440000";
    /** vesper, shaken, or null for a base RFC 8225 PASSporT. */
    String ppt = "vesper";
    /** A SHAKEN call's attestation; null: none. */
    String attest = "A";
    /** The orig tn as signed when it differs from {@link #orig} (a + or visual separators). */
    String signedOrig = null;
    StiPki.Credential signer = CARRIER;
    SigningKey signWith = null;
    boolean x5u = false;
    String x5uUri = INFO;
    /** The Identity header's info parameter. */
    String info = INFO;
    /** The call the presentation is bound to, when it differs from this one (a replayed presentation). */
    List<String> presentationDest = null;
    long tokenStatusIndex = 7;
    /** The presentation by reference ({"url", "sha256"}) instead of inline. */
    boolean byReference = false;
    /** By reference: where the presentations are said to be served. */
    String referenceBase = "https://holder.acme.example/stir/v1/presentations/";
    /** By reference: what the URL serves instead of the presentation (null: the presentation; empty: nothing, unreachable). */
    byte[] servedInstead = null;
    /** Rich Call Data to sign (RFC 9795), or null. */
    RichCallData rcd = null;

    String identity() throws Exception {
      Map<String, Object> header = new LinkedHashMap<>();
      if (ppt != null) {
        header.put("ppt", ppt);
      }
      if (x5u) {
        header.put("x5u", x5uUri);
      } else {
        header.put("x5c", signer.x5c());
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("orig", Map.of("tn", signedOrig != null ? signedOrig : orig));
      payload.put("dest", Map.of("tn", dest));
      payload.put("iat", iat);
      if (origid != null) {
        payload.put("origid", origid);
      }
      if ("shaken".equals(ppt) && attest != null) {
        payload.put("attest", attest);
      } else if ("vesper".equals(ppt)) {
        payload.put("vesper", byReference ? reference(presentation()) : presentation());
      }
      if (rcd != null) {
        rcd.addTo(payload);
      }
      String passport = Passport.sign(header, payload, signWith != null ? signWith : signer.key());
      return IdentityHeader.of(passport, info, ppt).toString();
    }

    private Map<String, Object> reference(String presentation) {
      String url = referenceBase + REFERENCE_IDS.incrementAndGet();
      byte[] bytes = presentation.getBytes(StandardCharsets.US_ASCII);
      if (servedInstead == null) {
        SERVED.put(url, bytes);
      } else if (servedInstead.length > 0) {
        SERVED.put(url, servedInstead);
      }
      return Map.of("url", url, "sha256", Base64Url.encode(Sha256.digest(bytes)));
    }

    private String presentation() throws Exception {
      Instant now = Instant.now();
      String token = TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", Clock.systemUTC(), Fixtures.randomness(3))
          .issue(Fixtures.enterprise(), Fixtures.holderKey().publicJwk(), now.minusSeconds(60), now.plus(Duration.ofDays(30)),
              new StatusReference(STATUS_URI, tokenStatusIndex));
      HolderToken holder = HolderToken.fromTrustedStore(token, Limits.DEFAULT);
      Set<Disclosure> selected = new LinkedHashSet<>(ClaimSelector.parse("name").select(holder));
      selected.addAll(ClaimSelector.number(new TelephoneNumber(orig)).select(holder));
      List<String> boundDest = presentationDest != null ? presentationDest : dest;
      // An origid no call may carry (a deviation under test) cannot be bound: the presentation omits it.
      String bound = origid == null || origid.isEmpty() || origid.length() > CallBinding.MAX_ORIGID_LENGTH ? null : origid;
      CallBinding binding = new CallBinding(new TelephoneNumber(orig), boundDest.stream().map(TelephoneNumber::new).toList(), iat, bound);
      return holder.present(selected, Fixtures.holderKey(), new KeyBindingRequest(binding.audience(), binding.nonce(), iat));
    }
  }
}
