package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.oid4vc.AuthorizationRequest;
import dev.vesper.core.oid4vc.CredentialOffer;
import dev.vesper.core.testing.Fuzz;
import java.time.Instant;
import java.util.List;

/**
 * What a wallet is handed by anyone: {@code openid-credential-offer://} links and credential offer
 * documents (OpenID4VCI 1.0 §4.1), {@code openid4vp://} links and by-value request objects (OpenID4VP 1.0
 * §5). Invariants: only {@code VesperException}; a link is either an offer by value or a URI to fetch,
 * never both or neither; a parsed authorization request names its client, response URI and nonce.
 */
class OpenId4vcLinksFuzzTest {
  @FuzzTest
  void parse(byte[] data) {
    String text = Fuzz.utf8(data);
    Fuzz.attempt(() -> CredentialOffer.fromLink(text)).ifPresent(parsed ->
        require(parsed.getKey().isPresent() != parsed.getValue().isPresent(), "an offer by value or by reference, exactly one"));
    Fuzz.attempt(() -> CredentialOffer.parse(data));
    Fuzz.attempt(() -> AuthorizationRequest.link(text)).ifPresent(link -> {
      require(!link.clientId().isEmpty(), "a link names its client");
      if (link.requestUri().isEmpty()) {
        Fuzz.attempt(() -> AuthorizationRequest.resolve(link, null, List.of(), Instant.ofEpochSecond(1_800_000_000L))).ifPresent(r ->
            require(r.clientId() != null && r.responseUri() != null && r.nonce() != null, "a request is complete"));
      }
    });
  }
}
