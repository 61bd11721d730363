package dev.vesper.issuer.vetting;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
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
 * Verifies right-to-use authority tokens as a numbering authority sends them (RFC 9448 §5, RFC 9447):
 * ES256, signed by a trusted authority (a key selected by {@code kid}, or a certificate in {@code x5c}
 * or an allow-listed {@code x5u} that chains to a trusted root); claims {@code exp}, {@code jti},
 * optionally {@code iss} (absent: the authority is named by its pinned {@code iss} or its key), and {@code atc} {@code {"tktype": "TNAuthList", "tkvalue": base64url DER, "ca": false,
 * "fingerprint": "SHA256 XX:…"}}.
 *
 * <p>The token is bound to the entity in one of two ways: when the entity registered an ACME account key,
 * {@code atc.fingerprint} must be that key's fingerprint (the RFC's binding); otherwise {@code sub} must
 * name the entity. A {@code sub} that names another entity is refused either way. Replay ({@code jti})
 * is the store's check. Thread-safe.
 */
public final class AuthorityTokens {
  private final TrustedSources authorities;

  public AuthorityTokens(TrustedSources authorities) {
    this.authorities = Objects.requireNonNull(authorities, "authorities == null");
  }

  /** A verified authority token: who vouched, its id, and the numbers and ranges it covers (SPCs dropped). */
  public record AuthorityToken(String authority, String jti, List<NumberEntry> numbers) {}

  /**
   * Verifies {@code jwt} for entity {@code entityId}, whose registered account key is {@code accountKey}
   * (null when it has none).
   */
  public AuthorityToken verify(String jwt, String entityId, PublicJwk accountKey, Instant now) throws VesperException {
    SignedEvidence.Checked c = SignedEvidence.check(jwt, "the authority token", authorities, entityId,
        SignedEvidence.Subject.OPTIONAL, SignedEvidence.Issuer.OPTIONAL, now, ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID, ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
    Map<String, Object> claims = c.jws().payload();
    if (!(claims.get("jti") instanceof String jti) || jti.isBlank() || jti.length() > 256) {
      throw invalid("the authority token needs a jti of 1 to 256 characters");
    }
    if (!(claims.get("atc") instanceof Map<?, ?> atc)) {
      throw invalid("the authority token needs an atc object (RFC 9448 §5.3)");
    }
    if (!"TNAuthList".equals(atc.get("tktype"))) {
      throw invalid("atc.tktype must be TNAuthList");
    }
    if (atc.containsKey("ca") && !Boolean.FALSE.equals(atc.get("ca"))) {
      throw invalid("atc.ca must be false or absent: this issuer vets an end-entity right to use, not a CA certificate");
    }
    if (atc.containsKey("fingerprint") && !(atc.get("fingerprint") instanceof String)) {
      throw invalid("atc.fingerprint must be a string");
    }
    String fingerprint = (String) atc.get("fingerprint");
    if (fingerprint != null && AccountKeyFingerprint.digest(fingerprint).isEmpty()) {
      throw invalid("atc.fingerprint is not 'SHA256' and 32 colon-separated hex bytes (RFC 9448 §5.3)");
    }
    if (accountKey != null) {
      if (fingerprint == null || !AccountKeyFingerprint.matches(fingerprint, accountKey)) {
        throw invalid("atc.fingerprint is not the fingerprint of the account key this entity registered");
      }
    } else if (!claims.containsKey("sub")) {
      throw invalid("the authority token names no entity: no sub, and no account key registered to match its fingerprint");
    }
    if (!(atc.get("tkvalue") instanceof String tkvalue)) {
      throw invalid("atc.tkvalue must be the base64url DER TNAuthList");
    }
    TnAuthList list;
    try {
      list = TnAuthList.decode(tkvalue(tkvalue));
    } catch (VesperException e) {
      throw invalid("atc.tkvalue: " + e.getMessage());
    }
    return new AuthorityToken(c.iss(), jti, numbers(list));
  }

  /** RFC 9448 sends base64url (no padding); standard base64, as RFC 9447's figure shows it, is accepted too. */
  static byte[] tkvalue(String text) throws VesperException {
    try {
      if (text.indexOf('+') >= 0 || text.indexOf('/') >= 0 || text.endsWith("=")) {
        return Base64.getDecoder().decode(text);
      }
      return Base64Url.decode(text, "atc.tkvalue");
    } catch (IllegalArgumentException | VesperException e) {
      throw invalid("atc.tkvalue is neither base64url nor base64");
    }
  }

  private static List<NumberEntry> numbers(TnAuthList list) throws VesperException {
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
    return numbers;
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID, message);
  }
}
