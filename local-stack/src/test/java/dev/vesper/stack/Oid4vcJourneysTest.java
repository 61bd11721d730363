package dev.vesper.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.json.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three roles speaking OpenID4VCI and OpenID4VP to each other on the local stack: the issuer offers,
 * the holder redeems the offer as a wallet (one key per credential) and answers the verifier's DCQL
 * request within its disclosure policy; the refusals send nothing and store nothing.
 */
class Oid4vcJourneysTest {
  static final String VCT = "https://vesper.dev/vct/identity/v1";
  @TempDir
  static Path dir;
  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start(new LocalStack.Options(dir, "127.0.0.1", 0, null, Duration.ofSeconds(60)), new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static Map<String, Object> offer(LocalStack.Persona p, boolean txCode) throws Exception {
    return StackClient.call("POST", stack.issuerUrl() + "/v1/entities/" + p.entityId() + "/credential-offers", p.entityApiKey(),
        Map.of("tx_code", txCode));
  }

  static int tokenCount(LocalStack.Persona p) throws Exception {
    return ((List<?>) StackClient.call("GET", stack.holderUrl() + "/v1/tokens", p.apiKey(), null).get("tokens")).size();
  }

  static Map<String, Object> dcql(String number, String... paths) {
    List<Object> claims = new ArrayList<>();
    for (String p : paths) {
      claims.add(Map.of("path", List.of((Object[]) p.split("\\."))));
    }
    claims.add(Map.of("path", Arrays.asList("tn", null), "values", List.of(number)));
    return Map.of("credentials", List.of(Map.of("id", "vesper", "format", "dc+sd-jwt", "meta", Map.of("vct_values", List.of(VCT)), "claims", claims)));
  }

  @SuppressWarnings("unchecked")
  @Test
  void theHolderRedeemsAnOfferForABatchAndTheTokensPresentOverOpenId4Vp() throws Exception {
    LocalStack.Persona acme = stack.persona("enterprise");
    int before = tokenCount(acme);
    Map<String, Object> offer = offer(acme, true);
    assertThatThrownBy(() -> StackClient.call("POST", stack.holderUrl() + "/v1/credential-offers", acme.apiKey(),
        Map.of("offer", offer.get("offer"), "tx_code", "000000x"))).hasMessageContaining("502").hasMessageContaining("invalid_grant");
    Map<String, Object> redeemed = StackClient.call("POST", stack.holderUrl() + "/v1/credential-offers", acme.apiKey(),
        Map.of("offer", offer.get("offer"), "tx_code", offer.get("tx_code"), "count", 2));
    List<Map<String, Object>> tokens = (List<Map<String, Object>>) redeemed.get("tokens");
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0).get("key_id")).isNotEqualTo(tokens.get(1).get("key_id"));
    assertThat(tokenCount(acme)).isEqualTo(before + 2);
    assertThatThrownBy(() -> StackClient.call("POST", stack.holderUrl() + "/v1/credential-offers", acme.apiKey(),
        Map.of("offer", offer.get("offer"), "tx_code", offer.get("tx_code")))).as("a redeemed offer").hasMessageContaining("502");
    assertThat(tokenCount(acme)).isEqualTo(before + 2);

    Map<String, Object> request = StackClient.call("POST", stack.verifierUrl() + "/v1/presentation-requests", null,
        Map.of("dcql_query", dcql("+12025550250", "name")));
    Map<String, Object> answered = StackClient.call("POST", stack.holderUrl() + "/v1/presentation-requests", acme.apiKey(),
        Map.of("request", request.get("request")));
    assertThat(answered).containsEntry("status", "accepted").containsEntry("client_id", request.get("client_id"));
    Map<String, Object> status = StackClient.call("GET", stack.verifierUrl() + "/v1/presentation-requests/" + request.get("id"), null, null);
    assertThat(status).containsEntry("status", "verified");
    Map<String, Object> claims = (Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) status.get("result"))
        .get("credentials")).get("vesper")).get(0).get("claims");
    assertThat(claims).isEqualTo(Map.of("name", "Acme Widgets Inc. (demo)", "tn", List.of(Map.of("start", "12025550200", "count", 100L))));
  }

  @Test
  void aQueryBeyondThePolicyIsRefusedAndNothingIsSent() throws Exception {
    LocalStack.Persona jane = stack.persona("consumer");
    Map<String, Object> request = StackClient.call("POST", stack.verifierUrl() + "/v1/presentation-requests", null,
        Map.of("dcql_query", dcql("+13035550142", "name", "entity_type")));
    StackClient.CallFailed refused = (StackClient.CallFailed) Assertions.catchThrowable(() -> StackClient.call("POST",
        stack.holderUrl() + "/v1/presentation-requests", jane.apiKey(), Map.of("request", request.get("request"))));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("holder.disclosure_refused");
    assertThat(StackClient.call("GET", stack.verifierUrl() + "/v1/presentation-requests/" + request.get("id"), null, null))
        .containsEntry("status", "pending");
    Map<String, Object> other = StackClient.call("POST", stack.verifierUrl() + "/v1/presentation-requests", null,
        Map.of("dcql_query", dcql("+19995550100", "name")));
    StackClient.CallFailed none = (StackClient.CallFailed) Assertions.catchThrowable(() -> StackClient.call("POST",
        stack.holderUrl() + "/v1/presentation-requests", jane.apiKey(), Map.of("request", other.get("request"))));
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.error()).isEqualTo("holder.no_matching_credential");
  }

  @Test
  void badRequestsAndOffersAreRefusedBeforeAnythingIsSigned() throws Exception {
    LocalStack.Persona jane = stack.persona("consumer");
    for (String[] c : new String[][] {
        {"openid4vp://?client_id=https%3A%2F%2Fverifier.example&response_uri=https%3A%2F%2Fverifier.example%2Fr", "oid4vc.untrusted_client"},
        {"openid4vp://?client_id=x509_san_dns%3Averifier.example&request_uri=https%3A%2F%2F10.0.0.1%2Fr", "oid4vc.fetch_refused"},
        {"openid4vp://?client_id=redirect_uri%3Ahttp%3A%2F%2F127.0.0.1%3A1%2Fr&response_type=vp_token&response_mode=direct_post"
            + "&response_uri=http%3A%2F%2F127.0.0.1%3A2%2Fr&nonce=n&dcql_query=" + URLEncoder.encode(
                Json.write(dcql("+13035550142", "name")), StandardCharsets.UTF_8), "oid4vc.untrusted_client"},
        {"openid4vp://?client_id=redirect_uri%3Ahttp%3A%2F%2F127.0.0.1%3A1%2Fr&response_type=vp_token&response_mode=direct_post.jwt"
            + "&response_uri=http%3A%2F%2F127.0.0.1%3A1%2Fr&nonce=n&dcql_query=%7B%7D", "oid4vc.bad_authorization_request"},
        {"openid4vp://?client_id=redirect_uri%3Ahttp%3A%2F%2F127.0.0.1%3A1%2Fr&response_type=vp_token&response_mode=direct_post"
            + "&response_uri=http%3A%2F%2F127.0.0.1%3A1%2Fr&nonce=n&dcql_query=%7B%7D", "dcql.invalid_query"},
        {"no query at all", "oid4vc.bad_authorization_request"}}) {
      StackClient.CallFailed e = (StackClient.CallFailed) Assertions.catchThrowable(() -> StackClient.call("POST",
          stack.holderUrl() + "/v1/presentation-requests", jane.apiKey(), Map.of("request", c[0])));
      assertThat(e.error()).as(c[0]).isEqualTo(c[1]);
    }
    for (String[] c : new String[][] {
        {"openid-credential-offer://?credential_offer_uri=https%3A%2F%2F10.0.0.1%2Foffer", "oid4vc.fetch_refused"},
        {"openid-credential-offer://?credential_offer_uri=file%3A%2F%2F%2Fetc%2Fpasswd", "oid4vc.fetch_refused"},
        {"openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A1%7D", "oid4vc.bad_offer"},
        {"openid-credential-offer://?nothing=here", "oid4vc.bad_offer"}}) {
      StackClient.CallFailed e = (StackClient.CallFailed) Assertions.catchThrowable(() -> StackClient.call("POST",
          stack.holderUrl() + "/v1/credential-offers", jane.apiKey(), Map.of("offer", c[0])));
      assertThat(e.error()).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(((StackClient.CallFailed) Assertions.catchThrowable(() -> StackClient.call("POST",
        stack.holderUrl() + "/v1/credential-offers", null, Map.of("offer", "x")))).status()).isEqualTo(401);
  }
}
