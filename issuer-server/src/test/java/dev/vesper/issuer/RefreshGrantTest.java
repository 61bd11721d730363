package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Json;
import dev.vesper.server.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refresh token grant a holder refills its pool with (docs/openid4vc.md §1): minted only beside a
 * DPoP-bound access token, usable only with a DPoP proof of the same key, for new access tokens that
 * issue new credentials through the same vetting gate; revocable by the entity.
 */
class RefreshGrantTest {
  static final String GRANT = Oid4vciIssuerTest.GRANT;
  @TempDir
  static Path dir;
  static IssuerHarness h;
  static Api acme;
  static Api anonymous;

  @BeforeAll
  static void start() throws Exception {
    h = new IssuerHarness("sqlite", dir);
    acme = h.register(IssuerHarness.ACME);
    h.vet(acme);
    anonymous = new Api(h.base, null);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void aDpopBoundRedemptionGetsARefreshTokenThatIssuesAgainWithTheSameKey() {
    SigningKey dpopKey = IssuerHarness.newHolderKey();
    Api.Reply redeemed = token("grant_type=" + enc(GRANT) + "&pre-authorized_code=" + enc(offerCode()), dpop(dpopKey));
    expect(redeemed, 200);
    String refresh = redeemed.string("refresh_token");
    assertThat(refresh).isNotBlank();

    for (int round = 0; round < 2; round++) { // the refresh token is not used up
      Api.Reply again = expect(token("grant_type=refresh_token&refresh_token=" + enc(refresh), dpop(dpopKey)), 200);
      assertThat(again.body()).containsEntry("token_type", "DPoP").doesNotContainKey("refresh_token");
      String accessToken = again.string("access_token");
      String proof = h.proof(IssuerHarness.newHolderKey(), nonce());
      Api.Reply issued = anonymous.postAs("/oid4vci/credential", "application/json",
          Json.write(Map.of("credential_configuration_id", "vesper_identity", "proofs", Map.of("jwt", List.of(proof)))),
          "Authorization", "DPoP " + accessToken, "DPoP", dpop(dpopKey, h.base + "/oid4vci/credential", accessToken));
      expect(issued, 200);
      assertThat(issued.list("credentials")).hasSize(1);
    }
  }

  @Test
  void aBearerRedemptionGetsNoRefreshToken() {
    Api.Reply redeemed = expect(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", offerCode()), 200);
    assertThat(redeemed.body()).doesNotContainKey("refresh_token");
  }

  @Test
  void aRefreshTokenIsRefusedWithoutItsKeyAndOnceRevoked() {
    SigningKey dpopKey = IssuerHarness.newHolderKey();
    String refresh = expect(token("grant_type=" + enc(GRANT) + "&pre-authorized_code=" + enc(offerCode()), dpop(dpopKey)), 200)
        .string("refresh_token");
    String body = "grant_type=refresh_token&refresh_token=" + enc(refresh);
    assertThat(token(body, null).error()).as("no DPoP proof").isEqualTo("invalid_dpop_proof");
    assertThat(token(body, dpop(IssuerHarness.newHolderKey())).error()).as("another key").isEqualTo("invalid_grant");
    assertThat(token("grant_type=refresh_token&refresh_token=unknown", dpop(dpopKey)).error()).isEqualTo("invalid_grant");
    assertThat(token("grant_type=refresh_token", dpop(dpopKey)).error()).isEqualTo("invalid_request");
    assertThat(token(body + "&refresh_token=x", dpop(dpopKey)).error()).as("repeated").isEqualTo("invalid_request");

    Api stranger = h.register(IssuerHarness.ACME);
    assertThat(stranger.post("/v1/entities/" + acme.tenantId() + "/refresh-tokens/revoke", Map.of()).status()).isEqualTo(404);
    Api.Reply revoked = expect(acme.post("/v1/entities/" + acme.tenantId() + "/refresh-tokens/revoke", Map.of()), 200);
    assertThat(((Number) revoked.body().get("revoked")).intValue()).isPositive();
    assertThat(token(body, dpop(dpopKey)).error()).as("revoked").isEqualTo("invalid_grant");
  }

  @Test
  void theAuthorizationServerAdvertisesTheRefreshGrant() {
    assertThat(expect(anonymous.get("/.well-known/oauth-authorization-server"), 200).body())
        .containsEntry("grant_types_supported", List.of(GRANT, "refresh_token"));
  }

  private static Api.Reply token(String form, String dpopProof) {
    return dpopProof == null ? anonymous.postAs("/oid4vci/token", "application/x-www-form-urlencoded", form)
        : anonymous.postAs("/oid4vci/token", "application/x-www-form-urlencoded", form, "DPoP", dpopProof);
  }

  private static String dpop(SigningKey key) {
    return dpop(key, h.base + "/oid4vci/token", null);
  }

  private static String dpop(SigningKey key, String htu, String accessToken) {
    return h.dpop(key, htu, accessToken);
  }

  @SuppressWarnings("unchecked")
  private static String offerCode() {
    Map<String, Object> offer = (Map<String, Object>) expect(h.operator.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of()), 201)
        .body().get("credential_offer");
    return (String) ((Map<String, Object>) ((Map<String, Object>) offer.get("grants")).get(GRANT)).get("pre-authorized_code");
  }

  private static String nonce() {
    return expect(anonymous.postAs("/oid4vci/nonce", "application/json", ""), 200).string("c_nonce");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
