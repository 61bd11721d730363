package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import dev.vesper.stack.StackClient.CallFailed;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** An enterprise's disclosure policy gives a call-screening service and a carrier different attribute sets. */
public final class EnterpriseTwoAudiences extends Sample {
  EnterpriseTwoAudiences(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new EnterpriseTwoAudiences(System.out));
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona acme = stack.persona("enterprise");
    step("Acme's policy: calls to Denver numbers (tel:+1303*) get name, business category and the calling number;");
    say("the screening service https://screening.demo.vesper.local gets name, entity type, city, KYC level and the number.");

    step("Acme calls a Denver customer from +1 202 555 0250 (inside its range 12025550200+100).");
    Map<String, Object> call = presentCall(stack, acme.apiKey(), "+12025550250", "+13035550199");
    Map<String, Object> callClaims = (Map<String, Object>) verify(stack, (String) call.get("presentation"), call.get("aud"), call.get("nonce")).get("claims");
    say("The carrier verifies: " + callClaims.keySet().stream().filter(k -> !k.matches("iss|iat|exp|vct|cnf|status")).toList());
    check(callClaims.containsKey("business_category") && !callClaims.containsKey("address"), "the carrier sees the category, not the address");

    step("Acme presents to the screening service (its nonce: s-123), with a token of its pool not shown to anyone yet:");
    say("each audience sees its own token (rotation per_audience), so the carrier and the screening service cannot link them.");
    String fresh = null;
    for (Map<String, Object> t : (List<Map<String, Object>>) StackClient.call("GET", stack.holderUrl() + "/v1/tokens",
        acme.apiKey(), null).get("tokens")) {
      if (Boolean.FALSE.equals(t.get("shown"))) {
        fresh = (String) t.get("id");
      }
    }
    check(fresh != null, "the pool has a token not shown yet");
    Map<String, Object> screening = StackClient.call("POST", stack.holderUrl() + "/v1/tokens/" + fresh + "/presentations",
        acme.apiKey(), Map.of("aud", "https://screening.demo.vesper.local", "nonce", "s-123",
            "disclose", List.of("name", "entity_type", "address.locality", "kyc.level", "tn=+12025550250")));
    Map<String, Object> verdict = verify(stack, (String) screening.get("presentation"), "https://screening.demo.vesper.local", "s-123");
    String carrierJwt = ((String) call.get("presentation")).split("~")[0];
    check(!carrierJwt.equals(((String) screening.get("presentation")).split("~")[0]), "the two audiences see different tokens");
    Map<String, Object> claims = (Map<String, Object>) verdict.get("claims");
    say("The screening service verifies: name " + claims.get("name") + ", " + claims.get("entity_type") + ", "
        + claims.get("address") + ", KYC " + claims.get("kyc"));
    check(claims.containsKey("kyc") && !claims.containsKey("business_category"), "screening sees KYC, not the category");

    step("Acme asks to give the screening service its business ids, which the policy does not allow for it.");
    try {
      StackClient.call("POST", stack.holderUrl() + "/v1/tokens/" + fresh + "/presentations", acme.apiKey(),
          Map.of("aud", "https://screening.demo.vesper.local", "nonce", "s-124", "disclose", List.of("name", "business_ids")));
      check(false, "a disclosure outside the policy must be refused");
    } catch (CallFailed refused) {
      say("Refused before anything is signed: " + refused.error());
      check("holder.disclosure_refused".equals(refused.error()), "refused with holder.disclosure_refused");
    }
  }
}
