package dev.vesper.verifier.stir;

import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.RichCallData;
import dev.vesper.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The calls every face of the STI-VS is tested with (SIP through sipp, REST): one genuine VESPER call
 * and each deviation, with the verstat, RFC 8224 cause and error id it must get. {@code error} is the
 * most specific id: the presentation's own when that is what failed.
 */
final class StirCases {
  record Case(String name, StirCalls.Call call, String verstat, String cause, String error) {}

  private StirCases() {}

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("valid VESPER call", new StirCalls.Call(), "TN-Validation-Passed", null, null));
    cases.add(new Case("valid SHAKEN call", call(c -> c.ppt = "shaken"), "TN-Validation-Passed", null, null));
    cases.add(new Case("valid base PASSporT (no ppt)", call(c -> c.ppt = null), "TN-Validation-Passed", null, null));
    cases.add(new Case("orig signed with + and separators", call(c -> c.signedOrig = "+1-202-555-0100"), "TN-Validation-Passed", null, null));
    cases.add(new Case("SHAKEN attest D", call(c -> {
      c.ppt = "shaken";
      c.attest = "D";
    }), "TN-Validation-Failed", "438", "stir.identity_malformed"));
    cases.add(new Case("SHAKEN origid not a UUID", call(c -> {
      c.ppt = "shaken";
      c.origid = "trunk-7";
    }), "TN-Validation-Failed", "438", "stir.identity_malformed"));
    // Issue 11 §6: a signed PASSporT whose origid no call could carry is a failed verdict, never an error.
    cases.add(new Case("VESPER origid empty", call(c -> c.origid = ""), "TN-Validation-Failed", "438", "stir.identity_malformed"));
    cases.add(new Case("VESPER origid of 300 characters", call(c -> c.origid = "o".repeat(300)), "TN-Validation-Failed", "438",
        "stir.identity_malformed"));
    cases.add(new Case("forged signature", call(c -> c.signWith = Fixtures.attackerKey()), "TN-Validation-Failed", "438", "stir.signature_invalid"));
    Instant now = Instant.now();
    cases.add(new Case("expired certificate", call(c -> c.signer = StirCalls.PKI.issue("expired", StirCalls.ACME_NUMBERS,
        now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))), "TN-Validation-Failed", "437", "stir.unsupported_credential"));
    cases.add(new Case("revoked signing certificate", call(c -> c.signer = StirCalls.REVOKED_CARRIER), "TN-Validation-Failed", "437",
        "stir.certificate_revoked"));
    cases.add(new Case("orig outside TNAuthList", call(c -> c.signer = StirCalls.PKI.issue("other",
        new TnAuthList(List.of(new TnAuthList.One("13035550100"))))), "TN-Validation-Failed", "438", "stir.orig_not_authorized"));
    cases.add(new Case("stale iat", call(c -> c.iat = Instant.now().getEpochSecond() - 300), "TN-Validation-Failed", "403", "stir.stale"));
    cases.add(new Case("revoked token", call(c -> c.tokenStatusIndex = 9), "TN-Validation-Failed", "438", "status.revoked"));
    cases.add(new Case("presentation bound to another call", call(c -> c.presentationDest = List.of("19995550000")),
        "TN-Validation-Failed", "438", "key_binding.aud_mismatch"));
    cases.add(new Case("VESPER call by reference", call(c -> c.byReference = true), "TN-Validation-Passed", null, null));
    cases.add(new Case("VESPER call with Rich Call Data", call(c -> c.rcd = new RichCallData("Acme Widgets Inc.",
        StirCalls.ICON, RichCallData.integrityOf(StirCalls.ICON_BYTES), "Your delivery")), "TN-Validation-Passed", null, null));
    cases.add(new Case("reference serving other bytes", call(c -> {
      c.byReference = true;
      c.servedInstead = "not the presentation".getBytes(StandardCharsets.US_ASCII);
    }), "TN-Validation-Failed", "438", "stir.reference_mismatch"));
    cases.add(new Case("reference that times out", call(c -> {
      c.byReference = true;
      c.servedInstead = new byte[0];
    }), "TN-Validation-Failed", "436", "stir.bad_identity_info"));
    StirCalls.Call replayed = new StirCalls.Call();
    cases.add(new Case("first use", replayed, "TN-Validation-Passed", null, null));
    cases.add(new Case("replayed PASSporT", replayed, "TN-Validation-Failed", "438", "stir.replayed"));
    return cases;
  }

  /** The Identity header of each case's call, signed once per call (the replay case sends the same one twice). */
  static Map<StirCalls.Call, String> sign(List<Case> cases) {
    Map<StirCalls.Call, String> signed = new IdentityHashMap<>();
    for (Case c : cases) {
      signed.computeIfAbsent(c.call(), call -> {
        try {
          return call.identity();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    return signed;
  }

  private static StirCalls.Call call(Consumer<StirCalls.Call> change) {
    StirCalls.Call c = new StirCalls.Call();
    change.accept(c);
    return c;
  }
}
