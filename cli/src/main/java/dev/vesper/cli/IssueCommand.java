package dev.vesper.cli;

import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a VESPER token (SD-JWT, vesper-token/1) for the entity described in --claims and print it.",
      "Every attribute is selectively disclosable with its own salt; decoys are added."
    },
    footer = {
      "",
      "Claims file example:",
      "  {\"name\": \"Acme Corp\", \"entity_type\": \"organization\",",
      "   \"address\": {\"locality\": \"Washington\", \"country\": \"US\"},",
      "   \"kyc\": {\"level\": \"substantial\", \"method\": \"document\", \"vetted_at\": 1764288000},",
      "   \"tn\": [\"+1 202 555 0100\", {\"start\": \"12025550200\", \"count\": 100}]}",
      "",
      "Example:  vesper issue --issuer-key issuer.jwk --holder-key holder.jwk --claims acme.json > acme.sdjwt"
    })
final class IssueCommand implements Callable<Integer> {
  @Option(names = "--issuer-key", required = true, paramLabel = "FILE", description = "The issuer's private JWK.")
  Path issuerKey;

  @Option(names = "--holder-key", required = true, paramLabel = "FILE", description = "The holder's JWK (public or private).")
  Path holderKey;

  @Option(names = "--claims", required = true, paramLabel = "FILE", description = "The entity's attributes (JSON).")
  Path claims;

  @Option(names = "--iss", paramLabel = "URI", defaultValue = "https://issuer.vesper.example", description = "The iss claim (default: ${DEFAULT-VALUE}).")
  String iss;

  @Option(names = "--valid-days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
  int validDays;

  @Override
  public Integer call() throws Exception {
    if (validDays < 1 || validDays > 3660) {
      throw new Errors.UsageException("--valid-days must be between 1 and 3660");
    }
    IdentityAttributes attributes = IdentityAttributes.fromInput(Json.parseObject(CliFiles.read(claims)));
    TokenIssuer issuer =
        TokenIssuer.create(CliFiles.signingKey(issuerKey), iss, Clock.systemUTC(), Randomness.secure());
    System.out.println(issuer.issue(attributes, CliFiles.publicKey(holderKey), Duration.ofDays(validDays)));
    return 0;
  }
}
