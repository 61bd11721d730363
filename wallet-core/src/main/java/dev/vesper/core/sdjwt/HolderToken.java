package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The holder's view of an issued SD-JWT (RFC 9901 §7.2): processed with all its disclosures so the
 * holder knows which claim lives where, then used to build presentations that carry only the chosen
 * disclosures plus the parents they need, bound to a verifier by a KB-JWT. A holder gets one from
 * {@link SdJwtVerifier#verifyIssued} when it receives a token; {@link #fromTrustedStore} re-reads one it
 * verified then and kept, and checks no signature. Immutable and thread-safe.
 */
public final class HolderToken {
  private final SdJwt token;
  private final ProcessedPayload processed;
  private final Map<Disclosure, DisclosedClaim> byDisclosure;
  private volatile PublicJwk holderKey;

  HolderToken(SdJwt token, ProcessedPayload processed) {
    this.token = token;
    this.processed = processed;
    Map<Disclosure, DisclosedClaim> index = new HashMap<>();
    for (DisclosedClaim c : processed.disclosed()) {
      index.put(c.disclosure(), c);
    }
    this.byDisclosure = index;
  }

  /**
   * Re-reads an issued SD-JWT that this holder verified when it received it ({@link SdJwtVerifier#verifyIssued})
   * and kept where nobody else can change it (sealed at rest, or the holder's own file). <strong>Checks
   * neither the issuer's signature nor validity nor the profile</strong>: never call it on a token from
   * anyone else. Parses and processes the disclosures; one that carries a KB-JWT is refused (RFC 9901 §7.2).
   */
  public static HolderToken fromTrustedStore(String issued, Limits limits) throws VesperException {
    SdJwt token = SdJwt.parse(issued, limits);
    if (token.keyBindingJwt().isPresent()) {
      throw new VesperException(
          ErrorCode.PRESENTATION_NOT_AN_ISSUED_TOKEN, "an issued SD-JWT must not carry a KB-JWT");
    }
    return new HolderToken(token, DisclosureProcessor.process(token, limits, TokenRules.SdAlg.SHA_256_WHEN_ABSENT));
  }

  public SdJwt token() {
    return token;
  }

  /** All claims, as a verifier would see them with every disclosure presented; an unmodifiable JSON tree. */
  public Map<String, Object> claims() {
    return processed.claims();
  }

  /** Where each of the token's disclosures lands, in the order of processing. */
  public List<DisclosedClaim> disclosed() {
    return processed.disclosed();
  }

  /** The holder key from {@code cnf.jwk}. */
  public PublicJwk holderKey() throws VesperException {
    PublicJwk key = holderKey;
    if (key == null) {
      key = ConfirmationKey.of(token.issuerJwt().payload());
      holderKey = key;
    }
    return key;
  }

  /**
   * The disclosures that reveal {@code path}: every disclosure at or below it, plus the parents that
   * connect them to the issuer JWT. Empty when the claim is always visible.
   *
   * @throws VesperException {@link ErrorCode#PRESENTATION_UNKNOWN_PATH} when the token has no such claim
   */
  public Set<Disclosure> disclosuresFor(ClaimPath path) throws VesperException {
    Set<Disclosure> out = new LinkedHashSet<>();
    for (DisclosedClaim c : processed.disclosed()) {
      if (c.path().startsWith(path)) {
        addWithParents(c.disclosure(), out);
      }
    }
    if (out.isEmpty()) {
      if (!path.existsIn(processed.claims())) {
        throw new VesperException(ErrorCode.PRESENTATION_UNKNOWN_PATH, "the token has no claim " + path);
      }
      // Inside a disclosed value, or always visible: disclose the nearest enclosing disclosure.
      DisclosedClaim enclosing = null;
      for (DisclosedClaim c : processed.disclosed()) {
        if (path.startsWith(c.path()) && (enclosing == null || c.path().startsWith(enclosing.path()))) {
          enclosing = c;
        }
      }
      if (enclosing != null) {
        addWithParents(enclosing.disclosure(), out);
      }
    }
    return out;
  }

  /**
   * The disclosures that reveal the elements of the array at {@code arrayPath} whose value matches
   * {@code element}, with their parents; empty when none matches.
   */
  public Set<Disclosure> disclosuresForElements(ClaimPath arrayPath, Predicate<Object> element) {
    Set<Disclosure> out = new LinkedHashSet<>();
    for (DisclosedClaim c : processed.disclosed()) {
      List<Object> s = c.path().segments();
      if (c.disclosure().isArrayElement()
          && s.size() == arrayPath.segments().size() + 1
          && c.path().startsWith(arrayPath)
          && element.test(c.disclosure().value())) {
        addWithParents(c.disclosure(), out);
      }
    }
    return out;
  }

  private void addWithParents(Disclosure d, Set<Disclosure> out) {
    Disclosure current = d;
    while (current != null && out.add(current)) {
      current = byDisclosure.get(current).parent();
    }
  }


  /**
   * Builds {@code <issuer JWT>~<selected disclosures in issued order>~<KB-JWT>}, signing the KB-JWT with
   * {@code holderKey}, which must be the token's {@code cnf.jwk}.
   */
  public String present(Set<Disclosure> selected, Signer holderKey, KeyBindingRequest binding)
      throws VesperException {
    Objects.requireNonNull(selected, "selected == null");
    Objects.requireNonNull(holderKey, "holderKey == null");
    Objects.requireNonNull(binding, "binding == null");
    if (!holderKey().sameKeyAs(holderKey.publicJwk())) {
      throw new VesperException(
          ErrorCode.KB_NO_HOLDER_KEY, "the signing key is not the holder key named in the token's cnf");
    }
    List<Disclosure> ordered = new ArrayList<>(selected.size());
    for (Disclosure d : token.disclosures()) {
      if (selected.contains(d)) {
        ordered.add(d);
      }
    }
    if (ordered.size() != selected.size()) {
      throw new IllegalArgumentException("a selected disclosure does not belong to this token");
    }
    String sdJwt = SdJwt.serialize(token.issuerJwt().text(), ordered);
    return sdJwt + keyBindingJwt(sdJwt, holderKey, binding);
  }

  /** A KB-JWT (RFC 9901 §4.3) over {@code sdJwt}, which must end with {@code ~}. */
  static String keyBindingJwt(String sdJwt, Signer holderKey, KeyBindingRequest binding) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("typ", KeyBinding.TYP);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iat", binding.issuedAt());
    payload.put("aud", binding.audience());
    payload.put("nonce", binding.nonce());
    payload.put("sd_hash", Sha256.base64UrlOfAscii(sdJwt));
    return CompactJws.sign(header, payload, holderKey);
  }
}
