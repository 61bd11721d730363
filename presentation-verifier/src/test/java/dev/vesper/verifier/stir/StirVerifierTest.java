package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.verifier.StatusLists;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The STI-VS: a genuine VESPER call passes; each deviation fails with its RFC 8224 reason and stable error. */
class StirVerifierTest {
  private static final int REVOKED_INDEX = 9;

  static StirVerifier verifier() {
    StatusLists lists = StatusLists.using(uri -> {
      StatusList list = StatusList.allValid(2, 64);
      list.set(REVOKED_INDEX, 1);
      Instant now = Instant.now();
      return StatusListToken.sign(list, uri, now, now.plusSeconds(3600), Duration.ofSeconds(60), Fixtures.issuerKey());
    }, Clock.systemUTC());
    return StirVerifier.builder(StiCredentials.trusting(List.of(StirCalls.PKI.root()), SpcDirectory.none())
        .checkingRevocation(url -> StirCalls.CRL),
        TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
        .fetchX5u(uri -> {
          if (!uri.equals(StirCalls.INFO)) {
            throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "unknown x5u");
          }
          return StirCalls.CARRIER.x5c();
        })
        .fetchReferences((url, max) -> {
          byte[] b = StirCalls.SERVED.get(url);
          if (b == null) {
            throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "timed out fetching " + url);
          }
          return b;
        })
        .checkStatus(lists).build();
  }

  private final StirVerifier verifier = verifier();

  @Test
  void aGenuineVesperCallPassesWithTheVerifiedName() throws Exception {
    StirResult r = verify(new StirCalls.Call());
    assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
    assertThat(r.toJson()).containsEntry("verstat", "TN-Validation-Passed");
    assertThat(r.vesper()).get().satisfies(v -> assertThat(v.toJson()).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc.")));
  }

  @Test
  void shakenAndX5uCallsPassToo() throws Exception {
    StirResult shaken = verify(call(c -> c.ppt = "shaken"));
    assertThat(shaken.passed()).as(String.valueOf(shaken.toJson())).isTrue();
    assertThat(shaken.vesper()).isEmpty();
    StirResult byReference = verify(call(c -> c.x5u = true));
    assertThat(byReference.passed()).as(String.valueOf(byReference.toJson())).isTrue();
  }

  @Test
  void aBasePassportWithoutPptIsVerifiedAsPlainRfc8225() throws Exception {
    StirResult base = verify(call(c -> c.ppt = null));
    assertThat(base.passed()).as(String.valueOf(base.toJson())).isTrue();
    assertThat(base.vesper()).isEmpty();
    assertThat(base.toJson()).containsOnlyKeys("verstat");
    StirCalls.Call unsupported = call(c -> c.ppt = "div");
    assertThat(verifier.verify(List.of(unsupported.identity()), tn(unsupported.orig), List.of(tn(unsupported.dest.get(0)))).error())
        .as("a ppt this verifier does not know is ignored (RFC 8224 §6.2)").hasValue("stir.identity_missing");
  }

  @Test
  void shakenClaimsFollowRfc8588() throws Exception {
    for (String attest : new String[] {"D", "a", "", null}) {
      expect(call(c -> {
        c.ppt = "shaken";
        c.attest = attest;
      }), 438, "stir.identity_malformed", null);
    }
    for (String origid : new String[] {null, "", "trunk-7", "123e4567-e89b-12d3-a456-42665544000g", "123e4567e89b12d3a456426655440000"}) {
      expect(call(c -> {
        c.ppt = "shaken";
        c.origid = origid;
      }), 438, "stir.identity_malformed", null);
    }
    for (String attest : new String[] {"B", "C"}) {
      assertThat(verify(call(c -> {
        c.ppt = "shaken";
        c.attest = attest;
      })).passed()).as("attest " + attest).isTrue();
    }
    assertThat(verify(call(c -> {
      c.ppt = "shaken";
      c.origid = "123E4567-E89B-12D3-A456-426655440000";
    })).passed()).as("an upper-case UUID").isTrue();
    expect(call(c -> {
      c.ppt = "shaken";
      c.x5u = true;
      c.x5uUri = "https://cert.carrier.example/other.pem";
    }), 436, "stir.bad_identity_info", null);
  }

  @Test
  void signedNumbersWithAPlusOrSeparatorsAreComparedCanonicallyAndTheToleranceIsNamed() throws Exception {
    for (String signed : new String[] {"+12025550100", "+1-202-555-0100", "1.202.555.0100", "+1(202)5550100"}) {
      StirResult r = verify(call(c -> c.signedOrig = signed));
      assertThat(r.passed()).as(signed + " " + r.toJson()).isTrue();
      assertThat(r.tolerated()).containsExactly("orig.tn.canonicalized");
      assertThat(r.toJson()).containsEntry("tolerated", List.of("orig.tn.canonicalized"));
    }
    StirResult canonical = verify(new StirCalls.Call());
    assertThat(canonical.tolerated()).isEmpty();
    assertThat(canonical.toJson()).doesNotContainKey("tolerated");
    for (String signed : new String[] {"+1 202 555 0100", "tel:+12025550100", "+0-202-555-0100", "++12025550100", "+1-202-555-01OO"}) {
      expect(call(c -> c.signedOrig = signed), 438, "stir.identity_malformed", null);
    }
    expect(call(c -> c.signedOrig = "+1-202-555-0101"), 438, "stir.number_mismatch", null);
  }

  @Test
  void everyDeviationFailsWithItsReason() throws Exception {
    expect(call(c -> c.signWith = Fixtures.attackerKey()), 438, "stir.signature_invalid", null);
    Instant now = Instant.now();
    expect(call(c -> c.signer = StirCalls.PKI.issue("expired", StirCalls.ACME_NUMBERS, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))),
        437, "stir.unsupported_credential", null);
    expect(call(c -> c.signer = StiPkiHolder.OTHER.issue("untrusted", StirCalls.ACME_NUMBERS)), 437, "stir.unsupported_credential", null);
    expect(call(c -> c.signer = StirCalls.PKI.issue("other numbers", new TnAuthList(List.of(new TnAuthList.One("13035550100"))))),
        438, "stir.orig_not_authorized", null);
    expect(call(c -> c.iat = Instant.now().getEpochSecond() - 120), 403, "stir.stale", null);
    expect(call(c -> c.iat = Instant.now().getEpochSecond() + 120), 403, "stir.stale", null);
    expect(call(c -> c.presentationDest = List.of("19995550000")), 438, "key_binding.aud_mismatch", "key_binding.aud_mismatch");
    expect(call(c -> c.tokenStatusIndex = REVOKED_INDEX), 438, "status.revoked", "status.revoked");
    expect(call(c -> {
      c.x5u = true;
      c.x5uUri = "https://elsewhere.example/x.pem";
    }), 436, "stir.bad_identity_info", null);

    StirCalls.Call once = new StirCalls.Call();
    String identity = once.identity();
    assertThat(verifier.verify(List.of(identity), tn(once.orig), List.of(tn(once.dest.get(0)))).passed()).isTrue();
    StirResult replay = verifier.verify(List.of(identity), tn(once.orig), List.of(tn(once.dest.get(0))));
    assertThat(replay.reasonCode()).isEqualTo(438);
    assertThat(replay.error()).hasValue("stir.replayed");

    StirResult fromOther = verifier.verify(List.of(new StirCalls.Call().identity()), tn("12025550101"), List.of(tn("14155550123")));
    assertThat(fromOther.error()).hasValue("stir.number_mismatch");
    StirResult none = verifier.verify(List.of(), tn("12025550100"), List.of(tn("14155550123")));
    assertThat(none.toJson()).containsEntry("verstat", "No-TN-Validation").containsEntry("reasoncode", 428);
    StirResult garbage = verifier.verify(List.of("not an identity header"), tn("12025550100"), List.of(tn("14155550123")));
    assertThat(garbage.error()).hasValue("stir.identity_malformed");
  }

  private void expect(StirCalls.Call c, int reason, String error, String cause) throws Exception {
    StirResult r = verifier.verify(List.of(c.identity()), tn(c.orig), c.dest.stream().map(StirVerifierTest::tn).toList());
    assertThat(r.verstat()).as(error).isEqualTo("TN-Validation-Failed");
    assertThat(r.reasonCode()).as(error + " " + r.toJson()).isEqualTo(reason);
    assertThat(r.error()).as(String.valueOf(r.toJson())).hasValue(error);
    if (cause != null) {
      assertThat(r.cause()).hasValue(cause);
    }
  }

  private StirResult verify(StirCalls.Call c) throws Exception {
    return verifier.verify(List.of(c.identity()), tn(c.orig), c.dest.stream().map(StirVerifierTest::tn).toList());
  }

  private static StirCalls.Call call(Consumer<StirCalls.Call> change) {
    StirCalls.Call c = new StirCalls.Call();
    change.accept(c);
    return c;
  }

  static TelephoneNumber tn(String digits) {
    return new TelephoneNumber(digits);
  }

  /** A PKI no verifier here trusts. */
  static final class StiPkiHolder {
    static final StiPki OTHER = StiPki.generate(new SecureRandom(), "Other");
  }
}
