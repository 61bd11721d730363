package dev.vesper.holder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy names disclosable claims of the profile, in dotted form; nothing else is accepted. */
class DisclosurePolicyPathsTest {
  @Test
  void disclosableClaimsAreAccepted() throws Exception {
    List<String> known = List.of("name", "entity_type", "business_category", "tn", "address", "address.locality", "kyc",
        "kyc.level", "business_ids", "business_ids.lei");
    assertThat(DisclosurePolicy.claims(known, "default")).containsExactlyElementsOf(known);
    assertThat(DisclosurePolicy.claims(List.of("name", "name"), "default")).containsExactly("name");
  }

  @Test
  void anythingElseIsRefused() {
    for (String path : List.of("email", "iss", "cnf", "cnf.jwk", "status", "vct", "tn.0", "name.first", "address.planet",
        "kyc.secret", "business_ids.Bad-Id", "", "address.", ".name")) {
      assertThatThrownBy(() -> DisclosurePolicy.claims(List.of(path), "default")).as(path)
          .isInstanceOf(VesperException.class).extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.REQUEST_BAD_BODY);
    }
  }
}
