package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The issuer revokes a token; once the status list's ttl has passed, verifiers refuse it. */
public final class RevokedTokenIsRefused extends Sample {
  RevokedTokenIsRefused(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new RevokedTokenIsRefused(System.out));
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona jane = stack.persona("consumer");
    String from = "+" + jane.numbers().get(0);
    step("Jane's call verifies, including the status check against the issuer's status list.");
    Map<String, Object> call = presentCall(stack, jane.apiKey(), from, "+13035550199");
    Map<String, Object> verdict = verify(stack, (String) call.get("presentation"), call.get("aud"), call.get("nonce"));
    check(Boolean.TRUE.equals(verdict.get("valid")), "the call verifies before revocation");
    say("Valid.");

    step("Jane reports her phone stolen; the issuer's operator revokes her tokens (reason: key_compromise).");
    List<Map<String, Object>> tokens = (List<Map<String, Object>>) StackClient.call("GET",
        stack.issuerUrl() + "/v1/entities/" + jane.entityId() + "/tokens", jane.entityApiKey(), null).get("tokens");
    for (Map<String, Object> t : tokens) { // her calls rotate through a pool of tokens: every one goes
      StackClient.call("POST", stack.issuerUrl() + "/v1/tokens/" + t.get("id") + "/revoke", stack.adminKey(), Map.of("reason", "key_compromise"));
    }
    say(tokens.size() + " tokens (her pool: each call uses another) are now revoked; the changes are also sent to the transparency log.");

    step("Verifiers cache the status list for its ttl (2 s in this sample's stack); after that, the next call is refused.");
    Thread.sleep(2_500);
    Map<String, Object> again = presentCall(stack, jane.apiKey(), from, "+13035550199");
    Map<String, Object> after = verify(stack, (String) again.get("presentation"), again.get("aud"), again.get("nonce"));
    say("Verdict: " + (Boolean.TRUE.equals(after.get("valid")) ? "valid" : "refused with " + after.get("error")));
    check("status.revoked".equals(after.get("error")), "a revoked token is refused with status.revoked");
  }
}
