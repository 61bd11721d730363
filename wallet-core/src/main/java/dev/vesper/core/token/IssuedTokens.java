package dev.vesper.core.token;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.IssuerJwt;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.sdjwt.Validity;
import java.time.Clock;

/**
 * What a holder checks before keeping a VESPER token (RFC 9901 §7.2 plus the profile): a plain SD-JWT
 * (no KB-JWT), issuer JWT signed by a trusted issuer, every disclosure well-formed and referenced,
 * currently valid, and conforming to {@code vesper-token/1} with all its disclosures applied.
 */
public final class IssuedTokens {
  private IssuedTokens() {}

  /** Verifies {@code sdJwt} as an issued VESPER token; returns the holder's view of it. */
  public static HolderToken verifyForHolder(String sdJwt, TrustedKeys trustedIssuers, Clock clock) throws VesperException {
    SdJwt token = SdJwt.parse(sdJwt, Limits.DEFAULT);
    if (token.keyBindingJwt().isPresent()) {
      throw new VesperException(ErrorCode.PRESENTATION_NOT_AN_ISSUED_TOKEN, "an issued SD-JWT must not carry a KB-JWT");
    }
    IssuerJwt.checkHeader(token.issuerJwt(), VesperToken.TYP);
    IssuerJwt.checkSignature(token.issuerJwt(), IssuerJwt.selectKey(token.issuerJwt(), trustedIssuers));
    HolderToken holder = HolderToken.of(token, Limits.DEFAULT);
    Validity.check(holder.processed().claims(), clock.instant().getEpochSecond(), 60, true);
    VesperProfile.check(token.issuerJwt().payload(), holder.processed());
    return holder;
  }
}
