package dev.vesper.holder;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import java.time.Clock;
import java.time.Duration;

/** Issues test tokens with the trusted test issuer key. */
final class TokenFactory {
  private final TokenIssuer issuer = TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", Clock.systemUTC(), Randomness.secure());

  String issue(String claims, PublicJwk holder) throws Exception {
    return issuer.issue(IdentityAttributes.fromInput(Json.parseObject(claims)), holder, Duration.ofDays(30));
  }
}
