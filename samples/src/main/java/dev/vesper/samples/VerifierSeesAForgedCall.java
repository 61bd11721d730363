package dev.vesper.samples;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.stack.LocalStack;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A verifier accepts a genuine call and shows, check by check, why forged ones fail. */
public final class VerifierSeesAForgedCall extends Sample {
  VerifierSeesAForgedCall(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new VerifierSeesAForgedCall(System.out));
  }

  @Override
  void run(LocalStack stack) throws Exception {
    LocalStack.Persona jane = stack.persona("consumer");
    String from = "+" + jane.numbers().get(0);
    step("A genuine call from " + from + " to +1 303 555 0199.");
    Map<String, Object> call = presentCall(stack, jane.apiKey(), from, "+13035550199");
    String vp = (String) call.get("presentation");
    expect(stack, "the genuine call", vp, call.get("aud"), call.get("nonce"), null);

    step("Replayed to another callee: the key-binding JWT names the first callee.");
    Map<String, Object> other = presentCall(stack, jane.apiKey(), from, "+14155550123");
    expect(stack, "the replay", vp, other.get("aud"), other.get("nonce"), "key_binding.aud_mismatch");

    step("A forged name: the attacker swaps the name disclosure for one saying \"Bank of Example\".");
    String[] parts = vp.split("~", -1);
    String forgedName = Base64Url.encode("[\"c2FsdHNhbHRzYWx0c2FsdA\",\"name\",\"Bank of Example\"]");
    StringBuilder forged = new StringBuilder(parts[0]);
    boolean swapped = false;
    for (int i = 1; i < parts.length - 1; i++) {
      String decoded = new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8);
      forged.append('~').append(!swapped && decoded.contains("\"name\"") ? forgedName : parts[i]);
      swapped |= decoded.contains("\"name\"");
    }
    forged.append('~').append(parts[parts.length - 1]);
    check(swapped, "the presentation discloses a name to swap");
    expect(stack, "the forged name", forged.toString(), call.get("aud"), call.get("nonce"), "disclosure.unreferenced");

    step("A token minted by an impostor issuer that copies everything but cannot sign as the vetted issuer.");
    String jwt = parts[0];
    SigningKey impostor = SigningKey.generate(new SecureRandom(), "issuer-1");
    CompactJws parsed = CompactJws.parse(jwt, "issuer JWT");
    String resigned = CompactJws.sign(parsed.header(), parsed.payload(), impostor);
    String impostorVp = resigned + vp.substring(jwt.length());
    expect(stack, "the impostor's token", impostorVp, call.get("aud"), call.get("nonce"), "issuer_signature.invalid");
  }

  @SuppressWarnings("unchecked")
  private void expect(LocalStack stack, String what, String vp, Object aud, Object nonce, String error) throws Exception {
    Map<String, Object> verdict = verify(stack, vp, aud, nonce);
    StringBuilder checks = new StringBuilder();
    for (Map<String, Object> c : (List<Map<String, Object>>) verdict.get("checks")) {
      if (!"not_run".equals(c.get("outcome"))) {
        checks.append(checks.length() == 0 ? "" : ", ").append(c.get("check")).append(' ').append(c.get("outcome"));
      }
    }
    say("Checks: " + checks);
    if (error == null) {
      check(Boolean.TRUE.equals(verdict.get("valid")), what + " should verify: " + verdict.get("message"));
      say("Verdict: valid, the caller is " + ((Map<String, Object>) verdict.get("claims")).get("name"));
    } else {
      check(error.equals(verdict.get("error")), what + " should fail with " + error + ", got " + verdict.get("error"));
      say("Verdict: refused with " + verdict.get("error") + " — " + verdict.get("message"));
    }
  }
}
