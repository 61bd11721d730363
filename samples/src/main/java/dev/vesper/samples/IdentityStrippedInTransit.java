package dev.vesper.samples;

import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Out-of-band delivery (RFC 8816): a call signed by the enterprise's STI-AS crosses a segment that drops
 * the SIP Identity header; the terminating STI-VS, finding none, retrieves the PASSporTs the STI-AS
 * published to the Call Placement Service and verifies them as if they had come in band. A call nobody
 * signed finds nothing there and stays unverified (No-TN-Validation), and is not failed.
 */
public final class IdentityStrippedInTransit extends Sample {
  IdentityStrippedInTransit(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new IdentityStrippedInTransit(System.out));
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona acme = stack.persona("enterprise");
    String from = acme.numbers().get(0);
    String to = "13035550199";
    String cps = (String) ((Map<String, Object>) stack.facts().get("cps")).get("url");
    step("Acme's STI-AS signs a call from +" + from + " to +" + to + "; it also publishes the PASSporT to the CPS at " + cps + ".");
    long iat = Instant.now().getEpochSecond();
    Map<String, Object> signed = StackClient.call("POST", stack.holderUrl() + "/stir/v1/signing", acme.apiKey(),
        Map.of("signingRequest", Map.of("orig", Map.of("tn", "+" + from), "dest", Map.of("tn", List.of("+" + to)), "iat", iat)));
    String identity = (String) ((Map<String, Object>) signed.get("signingResponse")).get("identity");
    say("Identity header (" + identity.length() + " bytes): " + identity.substring(0, 60) + "…");

    step("A TDM hop in the middle drops the Identity header: the INVITE reaches the terminating STI-VS without one.");
    Map<String, Object> verdict = verifyWithoutIdentity(stack, from, to);
    say("Verdict: " + verdict.get("verstat") + ", delivery " + verdict.get("delivery"));
    check("TN-Validation-Passed".equals(verdict.get("verstat")), "the call should verify through the CPS: " + verdict);
    check("oob".equals(verdict.get("delivery")), "the verdict names the out-of-band delivery");
    Map<String, Object> rcd = (Map<String, Object>) verdict.get("rcd");
    say("Verified through the CPS: the caller is " + rcd.get("nam"));

    step("A call nobody signed, from +" + from + " to +13035550198, also arrives without Identity.");
    Map<String, Object> unsigned = verifyWithoutIdentity(stack, from, "13035550198");
    say("Verdict: " + unsigned.get("verstat") + " (" + unsigned.get("reasoncode") + ") — " + unsigned.get("message"));
    check("No-TN-Validation".equals(unsigned.get("verstat")), "an unsigned call stays unverified, not failed");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> verifyWithoutIdentity(LocalStack stack, String from, String to) throws Exception {
    Map<String, Object> answer = StackClient.call("POST", stack.verifierUrl() + "/stir/v1/verification", null,
        Map.of("verificationRequest", Map.of("from", Map.of("tn", "+" + from), "to", Map.of("tn", List.of("+" + to)),
            "time", Instant.now().getEpochSecond())));
    return (Map<String, Object>) answer.get("verificationResponse");
  }
}
