package dev.vesper.samples;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.SignedNote;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.stack.LocalStack;
import dev.vesper.stack.StackClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A token's issuance receipt and the log's growth are checked offline, with nothing but the log's public key. */
public final class RegistryProofsOffline extends Sample {
  RegistryProofsOffline(PrintStream out) {
    super(out);
  }

  public static void main(String[] args) throws Exception {
    Sample.main(new RegistryProofsOffline(System.out));
  }

  @Override
  @SuppressWarnings("unchecked")
  void run(LocalStack stack) throws Exception {
    NoteKey logKey = NoteKey.parse(stack.logKey());
    step("An auditor pins the registry's key: " + stack.logKey());
    Checkpoint before = Checkpoint.parse(signedCheckpoint(stack, logKey));
    say("Signed checkpoint: " + before.size() + " entries, root " + Base64.getEncoder().encodeToString(before.root()));

    step("Jane's call comes with the receipt of her token's issuance; the auditor checks it offline.");
    LocalStack.Persona jane = stack.persona("consumer");
    Map<String, Object> call = presentCall(stack, jane.apiKey(), "+" + jane.numbers().get(0), "+13035550199");
    String receipt = (String) call.get("issuance_receipt");
    check(receipt != null, "the holder returns the issuance receipt with the call presentation");
    String vp = (String) call.get("presentation");
    String issuerJwt = vp.substring(0, vp.indexOf('~'));
    var issuerKey = TrustedKeys.parse(StackClient.text(stack.issuerUrl() + "/jwks.json")).keys().get(0);
    IssuanceReceipts.Logged logged = IssuanceReceipts.trusting(logKey.name(), List.of(logKey)).check(receipt, issuerJwt, issuerKey);
    say("The receipt proves entry " + logged.index() + " (issuance of this very token) is in a checkpoint the log signed.");

    step("More happens: the issuer revokes the enterprise's token; the log grows.");
    LocalStack.Persona acme = stack.persona("enterprise");
    List<Map<String, Object>> tokens = (List<Map<String, Object>>) StackClient.call("GET",
        stack.issuerUrl() + "/v1/entities/" + acme.entityId() + "/tokens", acme.entityApiKey(), null).get("tokens");
    StackClient.call("POST", stack.issuerUrl() + "/v1/tokens/" + tokens.get(0).get("id") + "/revoke", stack.adminKey(), Map.of("reason", "holder_request"));
    Checkpoint after = before;
    for (int i = 0; i < 50 && after.size() == before.size(); i++) {
      Thread.sleep(100);
      after = Checkpoint.parse(signedCheckpoint(stack, logKey));
    }
    check(after.size() > before.size(), "the revocation reaches the log");
    say("New signed checkpoint: " + after.size() + " entries.");

    step("The auditor asks for a consistency proof and checks that the new log extends the old one (no history rewritten).");
    Map<String, Object> proof = StackClient.call("GET", stack.registryUrl() + "/v1/proof/consistency?from=" + before.size() + "&to=" + after.size(), null, null);
    List<byte[]> hashes = new ArrayList<>();
    for (Object h : (List<Object>) proof.get("proof")) {
      hashes.add(Base64.getDecoder().decode((String) h));
    }
    MerkleProofs.verifyConsistency(before.size(), after.size(), before.root(), after.root(), hashes);
    say("Consistent: " + hashes.size() + " hashes prove the " + before.size() + "-entry log is a prefix of the " + after.size() + "-entry log.");
  }

  /** The latest checkpoint, its signature verified with the pinned key. */
  private static String signedCheckpoint(LocalStack stack, NoteKey key) throws Exception {
    SignedNote note = SignedNote.parse(StackClient.text(stack.registryUrl() + "/checkpoint"));
    note.verify(List.of(key));
    return note.text();
  }
}
