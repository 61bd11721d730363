package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A contact centre calls for its client under a grant; the client revokes the grant and the next call is refused. */
public final class ContactCentreUnderGrant extends Sample {
  ContactCentreUnderGrant(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new ContactCentreUnderGrant(System.out));
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona acme = stack.persona("enterprise");
    step("A contact-centre platform gets its own account at the holder service.");
    Map<String, Object> platform = StackClient.call("POST", stack.holderUrl() + "/v1/tenants", stack.adminKey(), Map.of("name", "Dial Partners (contact centre)"));
    String platformKey = (String) platform.get("api_key");

    step("Acme grants it: present Acme's name for calls from +1 202 555 0210, for one hour.");
    Map<String, Object> grant = StackClient.call("POST", stack.holderUrl() + "/v1/grants", acme.apiKey(), Map.of(
        "grantee_tenant", platform.get("tenant_id"), "token_id", acme.tokenId(), "numbers", List.of("+12025550210"),
        "claims", List.of("name", "tn"), "expires_at", Instant.now().getEpochSecond() + 3600));
    say("Grant " + grant.get("id") + ": the platform never sees Acme's token or keys.");

    step("The platform calls a customer from +1 202 555 0210 on Acme's behalf.");
    Map<String, Object> call = presentCall(stack, platformKey, "+12025550210", "+14155550123");
    Map<String, Object> verdict = verify(stack, (String) call.get("presentation"), call.get("aud"), call.get("nonce"));
    check(Boolean.TRUE.equals(verdict.get("valid")), "the call under the grant verifies");
    say("The customer's network verifies: " + ((Map<String, Object>) verdict.get("claims")).get("name"));

    step("Acme revokes the grant.");
    StackClient.call("DELETE", stack.holderUrl() + "/v1/grants/" + grant.get("id"), acme.apiKey(), null);

    step("The platform tries the next call.");
    try {
      presentCall(stack, platformKey, "+12025550210", "+14155550123");
      check(false, "after revocation the platform must not be able to present");
    } catch (StackClient.CallFailed refused) {
      say("Refused: " + refused.error() + " (HTTP " + refused.status() + ")");
      check("holder.no_token_for_number".equals(refused.error()), "refused with holder.no_token_for_number");
    }
  }
}
