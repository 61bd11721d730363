package dev.vesper.cli;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.token.ClaimSelector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "present",
    mixinStandardHelpOptions = true,
    description = {
      "Print a key-bound presentation (SD-JWT+KB) of a token that reveals only the chosen claims.",
      "PATH is a claim (name, entity_type, address, address.locality, kyc.level, ...) or tn=NUMBER for",
      "the tn entry covering NUMBER; parent disclosures are added automatically."
    },
    footer = {
      "",
      "Example:  vesper present --token acme.sdjwt --holder-key holder.jwk \\",
      "            --aud https://verifier.example --nonce n-123 --disclose name --disclose tn=12025550100"
    })
final class PresentCommand implements Callable<Integer> {
  @Option(names = "--token", required = true, paramLabel = "FILE", description = "The issued token (SD-JWT).")
  Path token;

  @Option(names = "--holder-key", required = true, paramLabel = "FILE", description = "The holder's private JWK.")
  Path holderKey;

  @Option(names = "--aud", required = true, paramLabel = "AUD", description = "The verifier's audience (KB-JWT aud).")
  String aud;

  @Option(names = "--nonce", required = true, paramLabel = "NONCE", description = "The verifier's nonce.")
  String nonce;

  @Option(names = "--disclose", paramLabel = "PATH", description = "A claim to reveal; repeatable.")
  List<String> disclose = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (aud.isEmpty() || nonce.isEmpty()) {
      throw new Errors.UsageException("--aud and --nonce must not be empty");
    }
    HolderToken holder = HolderToken.fromTrustedStore(CliFiles.read(token), Limits.DEFAULT);
    Set<Disclosure> selected = new LinkedHashSet<>();
    for (String path : disclose) {
      selected.addAll(ClaimSelector.parse(path).select(holder));
    }
    SigningKey key = CliFiles.signingKey(holderKey);
    System.out.println(
        holder.present(selected, key, new KeyBindingRequest(aud, nonce, Instant.now().getEpochSecond())));
    return 0;
  }
}
