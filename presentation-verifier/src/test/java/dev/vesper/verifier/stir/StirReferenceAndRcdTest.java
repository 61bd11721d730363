package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.stir.RichCallData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Presentations delivered by reference (checked against the signed SHA-256, verified exactly as inline
 * ones) and Rich Call Data (RFC 9795): the vetted name, a call reason, an icon kept only when its bytes
 * match rcdi; RCD that does not verify is dropped with the reason, never failing the call.
 */
class StirReferenceAndRcdTest {
  private final StirVerifier verifier = StirVerifierTest.verifier();

  @Test
  void aPresentationByReferenceVerifiesLikeAnInlineOne() throws Exception {
    StirResult r = verify(call(c -> c.byReference = true));
    assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
    assertThat(r.vesper()).get().satisfies(v -> assertThat(v.toJson()).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc.")));
  }

  @Test
  void aReferenceServingOtherBytesFails438() throws Exception {
    StirCalls.Call other = new StirCalls.Call();
    other.dest = List.of("14155550999");
    byte[] bytes = other.identity().getBytes(StandardCharsets.US_ASCII);
    StirResult r = verify(call(c -> {
      c.byReference = true;
      c.servedInstead = bytes;
    }));
    assertThat(r.reasonCode()).isEqualTo(438);
    assertThat(r.error()).hasValue("stir.reference_mismatch");
  }

  @Test
  void anUnreachableReferenceFails436() throws Exception {
    StirResult r = verify(call(c -> {
      c.byReference = true;
      c.servedInstead = new byte[0];
    }));
    assertThat(r.reasonCode()).isEqualTo(436);
    assertThat(r.error()).hasValue("stir.bad_identity_info");
  }

  @Test
  void richCallDataWithTheVettedNameAReasonAndAVerifiedIconReachesTheVerdict() throws Exception {
    StirResult r = verify(call(c -> c.rcd = new RichCallData("Acme Widgets Inc.", StirCalls.ICON,
        RichCallData.integrityOf(StirCalls.ICON_BYTES), "Your delivery is at the door")));
    assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
    Map<String, Object> rcd = Map.of("nam", "Acme Widgets Inc.", "icn", StirCalls.ICON, "crn", "Your delivery is at the door");
    assertThat(r.rcd()).contains(rcd);
    assertThat(r.toJson()).containsEntry("rcd", rcd).doesNotContainKey("rcd_error");
  }

  @Test
  void anIconWhoseBytesDifferIsDroppedAndTheRestKept() throws Exception {
    StirResult r = verify(call(c -> c.rcd = new RichCallData("Acme Widgets Inc.", StirCalls.ICON,
        RichCallData.integrityOf("another logo".getBytes(StandardCharsets.US_ASCII)), "Reason")));
    assertThat(r.passed()).isTrue();
    assertThat(r.rcd()).contains(Map.of("nam", "Acme Widgets Inc.", "crn", "Reason"));
    assertThat(r.rcdDropped()).get().asString().contains("icn");
  }

  @Test
  void aSignedNameOtherThanTheVettedOneDropsTheRcdButNotTheCall() throws Exception {
    StirResult r = verify(call(c -> c.rcd = new RichCallData("Bank of Somewhere", null, null, "Fraud alert")));
    assertThat(r.passed()).isTrue();
    assertThat(r.rcd()).isEmpty();
    assertThat(r.toJson()).containsKey("rcd_error");
    assertThat(r.vesper()).get().satisfies(v -> assertThat(v.toJson()).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc.")));
  }

  @Test
  void shakenRichCallDataIsTheSignersWord() throws Exception {
    StirResult r = verify(call(c -> {
      c.ppt = "shaken";
      c.rcd = new RichCallData("Acme Widgets Inc.", null, null, null);
    }));
    assertThat(r.passed()).isTrue();
    assertThat(r.rcd()).contains(Map.of("nam", "Acme Widgets Inc."));
  }

  private StirResult verify(StirCalls.Call c) throws Exception {
    return verifier.verify(List.of(c.identity()), StirVerifierTest.tn(c.orig), c.dest.stream().map(StirVerifierTest::tn).toList());
  }

  private static StirCalls.Call call(Consumer<StirCalls.Call> change) {
    StirCalls.Call c = new StirCalls.Call();
    change.accept(c);
    return c;
  }
}
