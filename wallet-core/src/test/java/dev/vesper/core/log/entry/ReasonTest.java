package dev.vesper.core.log.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one vocabulary of reasons: ids and wire codes are unique, and an unknown id is refused, never defaulted. */
class ReasonTest {
  @Test
  void everyIdReadsBackItsReason() {
    for (Reason r : Reason.values()) {
      assertThat(Reason.fromId(r.id())).isSameAs(r);
    }
  }

  @Test
  void idsAndCodesAreUnique() {
    assertThat(Arrays.stream(Reason.values()).map(Reason::id).distinct()).hasSize(Reason.values().length);
    assertThat(Arrays.stream(Reason.values()).map(Reason::code).distinct()).hasSize(Reason.values().length);
  }

  @Test
  void theIssuersIdsNameTheirLogReasons() {
    assertThat(Reason.fromId("number_reassigned")).isEqualTo(Reason.NUMBER_RELEASED);
    assertThat(Reason.fromId("kyc_expired")).isEqualTo(Reason.EXPIRY);
    assertThat(Reason.fromId("kyc_invalidated")).isEqualTo(Reason.KYC_INVALIDATED);
  }

  @Test
  void anUnknownIdIsRefused() {
    assertThatThrownBy(() -> Reason.fromId("because")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noIdIsRefused() {
    assertThatThrownBy(() -> Reason.fromId(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
