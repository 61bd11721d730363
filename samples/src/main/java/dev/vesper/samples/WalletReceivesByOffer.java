package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wallet ecosystem's protocols end to end: the issuer offers Acme a credential (OpenID4VCI 1.0, a
 * pre-authorized code and a transaction code sent separately), Acme's wallet (the holder service) redeems it
 * for two tokens, one holder key each; a verifier asks for a presentation with DCQL (OpenID4VP 1.0), the wallet
 * answers within Acme's disclosure policy, and a query beyond the policy is refused with nothing sent.
 */
public final class WalletReceivesByOffer extends Sample {
  static final String VCT = "https://vesper.dev/vct/identity/v1";

  WalletReceivesByOffer(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new WalletReceivesByOffer(System.out));
  }

  static Map<String, Object> dcql(String number, String... paths) {
    List<Object> claims = new ArrayList<>();
    for (String p : paths) {
      claims.add(Map.of("path", List.of((Object[]) p.split("\\."))));
    }
    claims.add(Map.of("path", Arrays.asList("tn", null), "values", List.of(number)));
    return Map.of("credentials", List.of(Map.of("id", "vesper", "format", "dc+sd-jwt", "meta", Map.of("vct_values", List.of(VCT)), "claims", claims)));
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona acme = stack.persona("enterprise");
    step("The issuer offers Acme (vetted) a VESPER credential: OpenID4VCI 1.0, pre-authorized code, transaction code.");
    Map<String, Object> offer = StackClient.call("POST", stack.issuerUrl() + "/v1/entities/" + acme.entityId() + "/credential-offers",
        acme.entityApiKey(), Map.of("tx_code", true));
    say("Offer link (a QR code in practice): " + clip((String) offer.get("offer"), 90));
    say("Transaction code, sent to Acme through another channel: " + offer.get("tx_code"));

    step("Acme's wallet (the holder service) redeems the offer for two tokens.");
    Map<String, Object> redeemed = StackClient.call("POST", stack.holderUrl() + "/v1/credential-offers", acme.apiKey(),
        Map.of("offer", offer.get("offer"), "tx_code", offer.get("tx_code"), "count", 2));
    List<Map<String, Object>> tokens = (List<Map<String, Object>>) redeemed.get("tokens");
    check(tokens.size() == 2, "two tokens should be issued");
    check(!tokens.get(0).get("key_id").equals(tokens.get(1).get("key_id")), "each token is bound to its own holder key");
    say("Stored " + tokens.size() + " tokens, bound to holder keys " + tokens.get(0).get("key_id") + " and " + tokens.get(1).get("key_id")
        + "; the keys never left the wallet.");
    try {
      StackClient.call("POST", stack.holderUrl() + "/v1/credential-offers", acme.apiKey(), Map.of("offer", offer.get("offer"), "tx_code", offer.get("tx_code")));
      check(false, "a redeemed offer must not be redeemed again");
    } catch (StackClient.CallFailed e) {
      say("Redeeming the same offer again is refused: " + e.error() + " (the pre-authorized code is single use).");
    }

    step("A verifier asks for Acme's name and proof of +1 202 555 0250 (OpenID4VP 1.0, DCQL).");
    Map<String, Object> request = StackClient.call("POST", stack.verifierUrl() + "/v1/presentation-requests", null,
        Map.of("dcql_query", dcql("+12025550250", "name")));
    say("Request (a QR code on the verifier page): " + clip((String) request.get("request"), 90));
    Map<String, Object> answered = StackClient.call("POST", stack.holderUrl() + "/v1/presentation-requests", acme.apiKey(),
        Map.of("request", request.get("request")));
    say("The wallet answered " + answered.get("client_id") + " with " + answered.get("disclosed"));
    Map<String, Object> status = StackClient.call("GET", stack.verifierUrl() + "/v1/presentation-requests/" + request.get("id"), null, null);
    check("verified".equals(status.get("status")), "the verifier should report verified: " + status);
    Map<String, Object> claims = (Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) status.get("result"))
        .get("credentials")).get("vesper")).get(0).get("claims");
    say("The verifier reports verified, with exactly what it asked: " + claims);
    check(claims.keySet().equals(Set.of("name", "tn")), "exactly the asked claims");

    step("A verifier asks for more than Acme's policy gives it (the street address).");
    Map<String, Object> greedy = StackClient.call("POST", stack.verifierUrl() + "/v1/presentation-requests", null,
        Map.of("dcql_query", dcql("+12025550250", "name", "address.street_address")));
    try {
      StackClient.call("POST", stack.holderUrl() + "/v1/presentation-requests", acme.apiKey(), Map.of("request", greedy.get("request")));
      check(false, "a query beyond the policy must be refused");
    } catch (StackClient.CallFailed e) {
      check(e.status() == 403, "refused with 403");
      say("Refused by the wallet: " + e.error() + "; nothing was signed or sent.");
    }
    Map<String, Object> still = StackClient.call("GET", stack.verifierUrl() + "/v1/presentation-requests/" + greedy.get("id"), null, null);
    check("pending".equals(still.get("status")), "the verifier received nothing");
    say("The verifier's request is still " + still.get("status") + ".");
  }

  private static String clip(String s, int n) {
    return s.length() > n ? s.substring(0, n) + "…" : s;
  }
}
