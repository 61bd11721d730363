package dev.vesper.issuer.vetting;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies right-to-use authority tokens in the shape of RFC 9448 §4: ES256, signed by a trusted
 * numbering authority or assigning service provider; claims {@code iss}, {@code sub} (the entity id at
 * this issuer), {@code exp}, {@code jti}, and {@code atc} {@code {"tktype": "TNAuthList", "tkvalue":
 * base64 DER, "ca": false}}. Replay ({@code jti}) is the store's check. Thread-safe.
 */
public final class AuthorityTokens {
  private final TrustedSources authorities;

  public AuthorityTokens(TrustedSources authorities) {
    this.authorities = Objects.requireNonNull(authorities, "authorities == null");
  }

  /** A verified authority token: who vouched, its id, and the numbers and ranges it covers (SPCs dropped). */
  public record AuthorityToken(String authority, String jti, List<NumberEntry> numbers) {}

  public AuthorityToken verify(String jwt, String entityId, Instant now) throws VesperException {
    SignedEvidence.Checked c = SignedEvidence.check(jwt, "the authority token", authorities, entityId, now,
        ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID, ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
    Map<String, Object> claims = c.jws().payload();
    if (!(claims.get("jti") instanceof String jti) || jti.isBlank() || jti.length() > 256) {
      throw invalid("the authority token needs a jti of 1 to 256 characters");
    }
    if (!(claims.get("atc") instanceof Map<?, ?> atc)) {
      throw invalid("the authority token needs an atc object (RFC 9448)");
    }
    if (!"TNAuthList".equals(atc.get("tktype"))) {
      throw invalid("atc.tktype must be TNAuthList");
    }
    if (!Boolean.FALSE.equals(atc.get("ca"))) {
      throw invalid("atc.ca must be false: this is an end-entity right-to-use, not a CA authority");
    }
    if (!(atc.get("tkvalue") instanceof String tkvalue)) {
      throw invalid("atc.tkvalue must be the base64 DER TNAuthList");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(tkvalue);
    } catch (IllegalArgumentException e) {
      throw invalid("atc.tkvalue is not base64");
    }
    TnAuthList list;
    try {
      list = TnAuthList.decode(der);
    } catch (VesperException e) {
      throw invalid("atc.tkvalue: " + e.getMessage());
    }
    List<NumberEntry> numbers = new ArrayList<>();
    for (TnAuthList.Entry e : list.entries()) {
      try {
        if (e instanceof TnAuthList.One one && TelephoneNumber.isCanonical(one.number())) {
          numbers.add(NumberEntry.of(new TelephoneNumber(one.number())));
        } else if (e instanceof TnAuthList.Range r && TelephoneNumber.isCanonical(r.start())) {
          numbers.add(r.count() == 1 ? NumberEntry.of(new TelephoneNumber(r.start())) : NumberEntry.of(NumberRange.of(r.start(), r.count())));
        }
      } catch (VesperException bad) {
        throw invalid("the TNAuthList holds an entry the token profile cannot express: " + bad.getMessage());
      }
    }
    if (numbers.isEmpty()) {
      throw invalid("the TNAuthList names no telephone number or range this issuer can vet (SPC entries are not resolved)");
    }
    return new AuthorityToken(c.iss(), jti, numbers);
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID, message);
  }
}
