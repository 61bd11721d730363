package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reloaded trust applies to the next call: the new root's calls pass, the dropped root's fail 437. */
class StirTrustReloadTest {
  @Test
  void theNextCallIsVerifiedAgainstTheReloadedRoots() throws Exception {
    StirVerifier verifier = StirVerifierTest.verifier();
    StiPki newPki = StiPki.generate(new SecureRandom(), "New STI-PA");
    StiPki.Credential newCarrier = newPki.issue("New carrier", new TnAuthList(List.of(new TnAuthList.One("12025550100"))));
    StirCalls.Call underNew = new StirCalls.Call();
    underNew.signer = newCarrier;
    assertThat(verify(verifier, underNew).error()).hasValue("stir.unsupported_credential");

    StirVerifier.Trust old = verifier.trust();
    verifier.reload(new StirVerifier.Trust(StiCredentials.trusting(List.of(newPki.root()), SpcDirectory.none()),
        TrustedKeys.of(Fixtures.issuerKey().publicJwk()), old.x5u()));
    StirCalls.Call again = new StirCalls.Call();
    again.signer = newCarrier;
    assertThat(verify(verifier, again).passed()).isTrue();
    StirResult underOld = verify(verifier, new StirCalls.Call());
    assertThat(underOld.reasonCode()).isEqualTo(437);
  }

  private static StirResult verify(StirVerifier v, StirCalls.Call c) throws Exception {
    return v.verify(List.of(c.identity()), StirVerifierTest.tn(c.orig), c.dest.stream().map(StirVerifierTest::tn).toList());
  }
}
