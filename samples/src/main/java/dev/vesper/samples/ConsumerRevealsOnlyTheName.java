package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import java.io.PrintStream;
import java.util.Map;

/** A consumer calls; the callee's network learns the verified name and the calling number, nothing else. */
public final class ConsumerRevealsOnlyTheName extends Sample {
  ConsumerRevealsOnlyTheName(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new ConsumerRevealsOnlyTheName(System.out));
  }

  private static long disclosures(String presentation) {
    return presentation.chars().filter(c -> c == '~').count() - 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona jane = stack.persona("consumer");
    step("Jane (a consumer vetted at KYC level basic) calls +1 303 555 0199 from +" + jane.numbers().get(0) + ".");
    Map<String, Object> presented = presentCall(stack, jane.apiKey(), "+" + jane.numbers().get(0), "+13035550199");
    say("Her wallet (the holder service) signs a presentation bound to this call: aud " + presented.get("aud") + ", nonce = hash of the call.");
    say("Her policy discloses the name and the calling number; the presentation carries " + disclosures((String) presented.get("presentation"))
        + " disclosures of her token's many.");

    step("The terminating network verifies it.");
    Map<String, Object> verdict = verify(stack, (String) presented.get("presentation"), presented.get("aud"), presented.get("nonce"));
    check(Boolean.TRUE.equals(verdict.get("valid")), "the presentation should verify: " + verdict);
    Map<String, Object> claims = (Map<String, Object>) verdict.get("claims");
    say("Verified name: " + claims.get("name"));
    say("Verified calling number: " + claims.get("tn"));
    check("Jane Roe (demo)".equals(claims.get("name")), "the verified name is Jane's");
    for (String hidden : new String[] {"address", "kyc", "entity_type", "business_ids"}) {
      check(!claims.containsKey(hidden), hidden + " must not be disclosed");
    }
    say("Not disclosed: entity type, KYC details, any other number. The verifier holds only salted digests of them.");
  }
}
