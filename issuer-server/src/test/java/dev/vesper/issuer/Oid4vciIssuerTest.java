package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.token.VesperProfile;
import dev.vesper.server.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer as an OpenID4VCI 1.0 Credential Issuer with its own authorization server: metadata, offers
 * with a pre-authorized code and transaction code, token (Bearer and DPoP), nonce and credential endpoints
 * with batch proofs; and every refusal in the spec's error vocabulary with nothing issued.
 */
class Oid4vciIssuerTest {
  static final String GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
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

  @SuppressWarnings("unchecked")
  @Test
  void metadataAdvertisesTheVesperConfigurationAndThePreAuthorizedGrant() {
    Map<String, Object> m = expect(anonymous.get("/.well-known/openid-credential-issuer"), 200).body();
    assertThat(m).containsEntry("credential_issuer", h.base).containsEntry("credential_endpoint", h.base + "/oid4vci/credential")
        .containsEntry("nonce_endpoint", h.base + "/oid4vci/nonce").containsEntry("batch_credential_issuance", Map.of("batch_size", 10L));
    Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) m.get("credential_configurations_supported")).get("vesper_identity");
    assertThat(config).containsEntry("format", "dc+sd-jwt").containsEntry("vct", "https://vesper.dev/vct/identity/v1")
        .containsEntry("cryptographic_binding_methods_supported", List.of("jwk"))
        .containsEntry("credential_signing_alg_values_supported", List.of("ES256")).containsKey("credential_metadata");
    Map<String, Object> as = expect(anonymous.get("/.well-known/oauth-authorization-server"), 200).body();
    assertThat(as).containsEntry("issuer", h.base).containsEntry("token_endpoint", h.base + "/oid4vci/token")
        .containsEntry("grant_types_supported", List.of(GRANT, "refresh_token")).containsEntry("pre-authorized_grant_anonymous_access_supported", true);
  }

  @SuppressWarnings("unchecked")
  @Test
  void anOfferWithATransactionCodeYieldsABatchOfTokensEachBoundToItsOwnKey() throws Exception {
    Api.Reply offer = expect(h.operator.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of("tx_code", true)), 201);
    String uri = offer.string("credential_offer_uri");
    assertThat(offer.string("offer")).startsWith("openid-credential-offer://?credential_offer_uri=");
    assertThat(offer.string("tx_code")).matches("[0-9]{6}");
    Map<String, Object> served = expect(anonymous.get(uri.substring(h.base.length())), 200).body();
    assertThat(served).isEqualTo(offer.body().get("credential_offer")).containsEntry("credential_configuration_ids", List.of("vesper_identity"));
    String code = preAuthorizedCode(served);
    assertThat(((Map<String, Object>) ((Map<String, Object>) served.get("grants")).get(GRANT)).get("tx_code"))
        .isEqualTo(Map.of("input_mode", "numeric", "length", 6L, "description", "The code the issuer sent you separately"));

    Api.Reply wrong = anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code, "tx_code", "000000x");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.error()).isEqualTo("invalid_grant");
    Api.Reply token = expect(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code,
        "tx_code", offer.string("tx_code"), "user_pin", offer.string("tx_code"), "resource", h.base), 200);
    assertThat(token.body()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 300L);
    assertThat(token.raw().headers().firstValue("Cache-Control")).contains("no-store");
    Api.Reply replayed = anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code, "tx_code", offer.string("tx_code"));
    assertThat(replayed.error()).isEqualTo("invalid_grant");
    assertThat(anonymous.get(uri.substring(h.base.length())).status()).as("a redeemed offer is no longer served").isEqualTo(404);

    Api.Reply nonce = expect(anonymous.postAs("/oid4vci/nonce", "application/json", ""), 200);
    assertThat(nonce.raw().headers().firstValue("Cache-Control")).contains("no-store");
    String cNonce = nonce.string("c_nonce");
    SigningKey k1 = IssuerHarness.newHolderKey();
    SigningKey k2 = IssuerHarness.newHolderKey();
    Api wallet = new Api(h.base, token.string("access_token"));
    Api.Reply issued = expect(wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "vesper_identity",
        "proofs", Map.of("jwt", List.of(h.proof(k1, cNonce), h.proof(k2, cNonce))), "some_future_parameter", 1)), 200);
    List<Map<String, Object>> credentials = issued.list("credentials");
    assertThat(credentials).hasSize(2);
    TrustedKeys trust = TrustedKeys.of(h.issuerKey.publicJwk());
    HolderToken first = VesperProfile.verifier(trust, Clock.systemUTC()).verifyIssued((String) credentials.get(0).get("credential"));
    HolderToken second = VesperProfile.verifier(trust, Clock.systemUTC()).verifyIssued((String) credentials.get(1).get("credential"));
    assertThat(first.holderKey().sameKeyAs(k1.publicJwk())).isTrue();
    assertThat(second.holderKey().sameKeyAs(k2.publicJwk())).isTrue();
    assertThat(((String) credentials.get(0).get("credential"))).endsWith("~");

    Api.Reply again = wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "vesper_identity",
        "proofs", Map.of("jwt", List.of(h.proof(IssuerHarness.newHolderKey(), fresh())))));
    assertThat(again.status()).as("the access token is single use").isEqualTo(401);
    assertThat(again.error()).isEqualTo("invalid_token");
    assertThat(again.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
  }

  @Test
  void aRefusedProofOrNonceIssuesNothingAndLeavesTheTokenForARetry() throws Exception {
    int before = tokenCount();
    Api wallet = new Api(h.base, accessToken(offerCode(false), null));
    String nonce = fresh();
    SigningKey k = IssuerHarness.newHolderKey();
    Api.Reply wrongAud = wallet.post("/oid4vci/credential", request(IssuerHarness.proof(k, k.publicJwk(), nonce, "https://other.example",
        h.clock.instant().getEpochSecond())));
    assertThat(wrongAud.status()).isEqualTo(400);
    assertThat(wrongAud.error()).isEqualTo("invalid_proof");
    expect(wallet.post("/oid4vci/credential", request(h.proof(k, nonce))), 200);
    Api other = new Api(h.base, accessToken(offerCode(false), null));
    Api.Reply reused = other.post("/oid4vci/credential", request(h.proof(IssuerHarness.newHolderKey(), nonce)));
    assertThat(reused.error()).as("a spent c_nonce").isEqualTo("invalid_nonce");
    Api.Reply unknown = other.post("/oid4vci/credential", request(h.proof(IssuerHarness.newHolderKey(), "never-issued")));
    assertThat(unknown.error()).isEqualTo("invalid_nonce");
    assertThat(tokenCount()).isEqualTo(before + 1);
  }

  @Test
  void badCredentialRequestsAnswerTheSpecsErrors() throws Exception {
    Api wallet = new Api(h.base, accessToken(offerCode(false), null));
    String p = h.proof(IssuerHarness.newHolderKey(), fresh());
    assertThat(wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "other", "proofs", Map.of("jwt", List.of(p)))).error())
        .isEqualTo("unknown_credential_configuration");
    assertThat(wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "vesper_identity", "credential_identifier", "vesper_identity",
        "proofs", Map.of("jwt", List.of(p)))).error()).isEqualTo("invalid_credential_request");
    assertThat(wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "vesper_identity", "proof", Map.of("jwt", p))).error())
        .isEqualTo("invalid_credential_request");
    assertThat(wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "vesper_identity")).error())
        .isEqualTo("invalid_credential_request");
    List<String> eleven = Collections.nCopies(11, p);
    assertThat(wallet.post("/oid4vci/credential", Map.of("credential_configuration_id", "vesper_identity", "proofs", Map.of("jwt", eleven))).error())
        .isEqualTo("invalid_credential_request");
    assertThat(wallet.post("/oid4vci/credential", "[1,2]").error()).isEqualTo("invalid_credential_request");
    assertThat(wallet.postAs("/oid4vci/credential", "text/plain", "{}").error()).isEqualTo("invalid_credential_request");
    Api.Reply noToken = anonymous.post("/oid4vci/credential", request(p));
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(noToken.error()).isEqualTo("invalid_token");
    assertThat(new Api(h.base, "forged").post("/oid4vci/credential", request(p)).error()).isEqualTo("invalid_token");
    expect(wallet.post("/oid4vci/credential", request(p)), 200); // all of the above left the token usable
  }

  @Test
  void badTokenRequestsAnswerTheSpecsErrors() throws Exception {
    String code = offerCode(false);
    assertThat(anonymous.postForm("/oid4vci/token", "grant_type", "authorization_code", "code", "x").error()).isEqualTo("unsupported_grant_type");
    assertThat(anonymous.postForm("/oid4vci/token", "pre-authorized_code", code).error()).isEqualTo("invalid_request");
    assertThat(anonymous.postForm("/oid4vci/token", "grant_type", GRANT).error()).isEqualTo("invalid_request");
    assertThat(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code, "tx_code", "123456").error())
        .as("a tx_code the offer does not take").isEqualTo("invalid_request");
    assertThat(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code, "grant_type", GRANT).error())
        .as("a repeated parameter").isEqualTo("invalid_request");
    assertThat(anonymous.post("/oid4vci/token", Map.of("grant_type", GRANT, "pre-authorized_code", code)).error()).isEqualTo("invalid_request");
    assertThat(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", "made-up").error()).isEqualTo("invalid_grant");
    String withTx = offerCode(true);
    assertThat(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", withTx).error())
        .as("the offer's tx_code is missing").isEqualTo("invalid_request");
    for (int i = 0; i < 5; i++) {
      assertThat(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", withTx, "tx_code", "99999" + i).error())
          .isEqualTo("invalid_grant");
    }
    expect(anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code), 200); // the refusals spent nothing
  }

  @Test
  void aDpopBoundTokenNeedsAProofByTheSameKeyAtTheCredentialEndpoint() throws Exception {
    SigningKey dpopKey = IssuerHarness.newHolderKey();
    String token = accessToken(offerCode(false), dpop(dpopKey, h.base + "/oid4vci/token", null));
    String p = h.proof(IssuerHarness.newHolderKey(), fresh());
    Api.Reply bearer = new Api(h.base, token).post("/oid4vci/credential", request(p));
    assertThat(bearer.error()).isEqualTo("invalid_token");
    Api.Reply otherKey = anonymous.postAs("/oid4vci/credential", "application/json", Json.write(request(p)), "Authorization", "DPoP " + token,
        "DPoP", dpop(IssuerHarness.newHolderKey(), h.base + "/oid4vci/credential", token));
    assertThat(otherKey.error()).isEqualTo("invalid_token");
    Api.Reply wrongHtu = anonymous.postAs("/oid4vci/credential", "application/json", Json.write(request(p)), "Authorization", "DPoP " + token,
        "DPoP", dpop(dpopKey, h.base + "/oid4vci/token", token));
    assertThat(wrongHtu.error()).isEqualTo("invalid_dpop_proof");
    String proof = dpop(dpopKey, h.base + "/oid4vci/credential", token);
    expect(anonymous.postAs("/oid4vci/credential", "application/json", Json.write(request(p)), "Authorization", "DPoP " + token, "DPoP", proof), 200);
  }

  @Test
  void offersAreOnlyForVettedEntitiesAndTheirOwnCallers() {
    Api unvetted = h.register(IssuerHarness.ACME);
    Api.Reply refused = h.operator.post("/v1/entities/" + unvetted.tenantId() + "/credential-offers", Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("vetting.kyc_not_verified");
    assertThat(unvetted.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of()).status()).isEqualTo(404);
    assertThat(anonymous.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of()).status()).isEqualTo(401);
    assertThat(acme.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of("expires_in", 5)).error()).isEqualTo("request.bad_body");
    assertThat(acme.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of("tx_code", "yes")).error()).isEqualTo("request.bad_body");
    expect(acme.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of()), 201);
    assertThat(anonymous.get("/oid4vci/offers/off_unknown").status()).isEqualTo(404);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String offerCode(boolean txCode) {
    return preAuthorizedCode(expect(h.operator.post("/v1/entities/" + acme.tenantId() + "/credential-offers", Map.of("tx_code", txCode)), 201)
        .body().get("credential_offer"));
  }

  @SuppressWarnings("unchecked")
  private static String preAuthorizedCode(Object offer) {
    Map<String, Object> grants = (Map<String, Object>) ((Map<String, Object>) offer).get("grants");
    return (String) ((Map<String, Object>) grants.get(GRANT)).get("pre-authorized_code");
  }

  private static String accessToken(String code, String dpopProof) {
    Api.Reply r = dpopProof == null ? anonymous.postForm("/oid4vci/token", "grant_type", GRANT, "pre-authorized_code", code)
        : anonymous.postAs("/oid4vci/token", "application/x-www-form-urlencoded",
            "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8) + "&pre-authorized_code=" + code,
            "DPoP", dpopProof);
    expect(r, 200);
    assertThat(r.string("token_type")).isEqualTo(dpopProof == null ? "Bearer" : "DPoP");
    return r.string("access_token");
  }

  private static String fresh() {
    return expect(anonymous.postAs("/oid4vci/nonce", "application/json", ""), 200).string("c_nonce");
  }

  private static int tokenCount() {
    return expect(acme.get("/v1/entities/" + acme.tenantId() + "/tokens"), 200).list("tokens").size();
  }

  private static Map<String, Object> request(String proof) {
    return Map.of("credential_configuration_id", "vesper_identity", "proofs", Map.of("jwt", List.of(proof)));
  }

  static String dpop(SigningKey key, String htu, String accessToken) {
    return h.dpop(key, htu, accessToken);
  }
}
