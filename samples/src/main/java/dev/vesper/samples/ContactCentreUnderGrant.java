package dev.vesper.samples;

import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.token.CallBinding;
import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contact centre calls for its client under a grant, and the callee's verifier sees both: the client,
 * and the agent calling on its behalf, each vouched for by an issuer, tied together by a delegation the
 * client's key signed for that very call. The client revokes the grant: the next call is refused, and what
 * the contact centre kept from the last call does not pass for a new one.
 */
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
    LocalStack.Persona dial = stack.persona("contact_centre");
    Map<String, Object> grant = stack.contactCentreGrant();
    step("Dial Partners, a contact centre, has its own vetted token at the holder service, and a grant from Acme:");
    say("present Acme's name for calls from " + grant.get("numbers") + " until " + Instant.ofEpochSecond(((Number) grant.get("expires_at")).longValue())
        + " (grant " + grant.get("id") + "). Dial Partners never sees Acme's tokens or keys.");

    step("Dial Partners calls a customer from +1 202 555 0210 on Acme's behalf.");
    Map<String, Object> call = presentCall(stack, dial.apiKey(), "+12025550210", "+14155550123");
    Map<String, Object> delegation = (Map<String, Object>) call.get("delegation");
    check(delegation != null, "a call for a client carries a delegation and the agent's own presentation");
    say("The call carries Acme's presentation, Dial Partners' own presentation of its name, and a delegation signed");
    say("with Acme's token key naming Dial Partners' key, the calling number and the grant's end, all bound to this call.");

    step("The customer's network verifies the whole chain.");
    Map<String, Object> verdict = verifyDelegated(stack, call, delegation);
    check(Boolean.TRUE.equals(verdict.get("valid")), "the delegated call verifies: " + verdict);
    Map<String, Object> delegate = (Map<String, Object>) verdict.get("delegate");
    check(delegate != null && "Dial Partners (demo contact centre)".equals(delegate.get("name")), "the verifier names the agent");
    say("Shown to the customer: " + delegate.get("name") + " on behalf of " + ((Map<String, Object>) verdict.get("claims")).get("name")
        + " (grant until " + Instant.ofEpochSecond(((Number) delegate.get("expires_at")).longValue()) + ")");

    step("Acme revokes the grant.");
    StackClient.call("DELETE", stack.holderUrl() + "/v1/grants/" + grant.get("id"), acme.apiKey(), null);

    step("Dial Partners tries the next call.");
    try {
      presentCall(stack, dial.apiKey(), "+12025550210", "+14155550123");
      check(false, "after revocation the contact centre must not be able to present");
    } catch (StackClient.CallFailed refused) {
      say("Refused by the holder service: " + refused.error() + " (HTTP " + refused.status() + ")");
      check("holder.no_token_for_number".equals(refused.error()), "refused with holder.no_token_for_number");
    }

    step("Dial Partners passes off what it kept from the last call as a new call.");
    Thread.sleep(1100); // a new call: another second, so another nonce
    Map<String, Object> replay = new LinkedHashMap<>(call);
    replay.put("nonce", new CallBinding(TelephoneNumber.parse("+12025550210"),
        List.of(TelephoneNumber.parse("+14155550123")), Instant.now().getEpochSecond(), null).nonce());
    Map<String, Object> replayed = verifyDelegated(stack, replay, delegation);
    check(Boolean.FALSE.equals(replayed.get("valid")), "the kept presentation and delegation do not pass for another call");
    say("Refused by the verifier: " + replayed.get("error"));
  }

  private static Map<String, Object> verifyDelegated(LocalStack stack, Map<String, Object> call, Map<String, Object> delegation)
      throws Exception {
    return StackClient.call("POST", stack.verifierUrl() + "/v1/presentations/verify", null, Map.of("presentation", call.get("presentation"),
        "aud", call.get("aud"), "nonce", call.get("nonce"), "require", List.of("name", "tn=+12025550210"), "delegation", delegation));
  }
}
