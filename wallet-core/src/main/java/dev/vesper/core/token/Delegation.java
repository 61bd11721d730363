package dev.vesper.core.token;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The delegation a client's key signs for one call an agent (a contact centre) makes on its behalf
 * (docs/token-profile.md §6): a compact JWS, header {@code {"alg": "ES256", "typ": "vesper-delegation+jwt"}},
 * signed by the holder key of the client's presented token ({@code cnf.jwk}), with the claims
 *
 * <ul>
 *   <li>{@code aud}, {@code nonce}, {@code iat}: the call's binding, exactly as in the KB-JWTs;
 *   <li>{@code sd_hash}: base64url SHA-256 of the client presentation's SD-JWT part (as in its KB-JWT);
 *   <li>{@code exp}: when the grant behind it ends;
 *   <li>{@code tn}: the numbers the agent calls from for the client in this call, canonical digits;
 *   <li>{@code cnf.jkt}: the RFC 7638 thumbprint of the key that binds the agent's own token.
 * </ul>
 *
 * This class makes and reads the format; only the verifier decides whether one is valid. Immutable.
 */
public final class Delegation {
  public static final String TYP = "vesper-delegation+jwt";
  private static final Set<String> HEADER = Set.of("alg", "typ");
  private static final Set<String> CLAIMS = Set.of("aud", "nonce", "iat", "exp", "sd_hash", "tn", "cnf");
  /** Numbers one delegation may name. */
  public static final int MAX_NUMBERS = 10;

  private final CompactJws jws;
  private final String audience;
  private final String nonce;
  private final long issuedAt;
  private final long expiresAt;
  private final String sdHash;
  private final List<TelephoneNumber> numbers;
  private final String agentThumbprint;

  private Delegation(CompactJws jws, String audience, String nonce, long issuedAt, long expiresAt, String sdHash,
      List<TelephoneNumber> numbers, String agentThumbprint) {
    this.jws = jws;
    this.audience = audience;
    this.nonce = nonce;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.sdHash = sdHash;
    this.numbers = List.copyOf(numbers);
    this.agentThumbprint = agentThumbprint;
  }

  /**
   * Signs a delegation with {@code clientKey} (the key of the client's presented token) for the call bound
   * by {@code binding}, for the presentation whose SD-JWT part is {@code sdHashInput}, valid until
   * {@code expiresAt}, naming {@code numbers} and the agent's token key {@code agentKey}.
   */
  public static String sign(Signer clientKey, KeyBindingRequest binding, String sdHashInput, long expiresAt, List<TelephoneNumber> numbers,
      PublicJwk agentKey) {
    Objects.requireNonNull(binding, "binding == null");
    if (numbers.isEmpty() || numbers.size() > MAX_NUMBERS) {
      throw new IllegalArgumentException("a delegation names 1 to " + MAX_NUMBERS + " numbers");
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("typ", TYP);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", binding.audience());
    claims.put("nonce", binding.nonce());
    claims.put("iat", binding.issuedAt());
    claims.put("exp", expiresAt);
    claims.put("sd_hash", Sha256.base64UrlOfAscii(sdHashInput));
    claims.put("tn", numbers.stream().map(TelephoneNumber::digits).toList());
    claims.put("cnf", Map.of("jkt", agentKey.thumbprint()));
    return CompactJws.sign(header, claims, clientKey);
  }

  /**
   * Reads a delegation's shape (not its signature, nor whether it fits a call): ES256, {@code typ},
   * no other header member, every claim present with its type and nothing else.
   *
   * @throws VesperException {@link ErrorCode#DELEGATION_MALFORMED}
   */
  public static Delegation parse(String text) throws VesperException {
    CompactJws jws;
    try {
      jws = CompactJws.parse(text, "delegation");
      jws.requireEs256(ErrorCode.DELEGATION_MALFORMED, ErrorCode.DELEGATION_MALFORMED, "delegation");
    } catch (VesperException e) {
      throw bad(e.getMessage());
    }
    if (!HEADER.containsAll(jws.header().keySet()) || !TYP.equals(jws.header().get("typ"))) {
      throw bad("the delegation header is {\"alg\": \"ES256\", \"typ\": \"" + TYP + "\"} and nothing else");
    }
    Map<String, Object> c = jws.payload();
    if (!CLAIMS.equals(c.keySet())) {
      throw bad("the delegation carries exactly " + CLAIMS);
    }
    if (!(c.get("aud") instanceof String aud) || !(c.get("nonce") instanceof String nonce) || !(c.get("sd_hash") instanceof String sdHash)) {
      throw bad("aud, nonce and sd_hash are strings");
    }
    if (!(c.get("iat") instanceof Long iat) || iat < 0 || !(c.get("exp") instanceof Long exp) || exp < 0) {
      throw bad("iat and exp are non-negative integer NumericDates");
    }
    if (!(c.get("cnf") instanceof Map<?, ?> cnf) || cnf.size() != 1 || !(cnf.get("jkt") instanceof String jkt) || jkt.length() != 43) {
      throw bad("cnf is {\"jkt\": <the agent key's RFC 7638 thumbprint>}");
    }
    if (!(c.get("tn") instanceof List<?> tn) || tn.isEmpty() || tn.size() > MAX_NUMBERS) {
      throw bad("tn names 1 to " + MAX_NUMBERS + " numbers");
    }
    List<TelephoneNumber> numbers = new ArrayList<>();
    for (Object n : tn) {
      if (!(n instanceof String digits) || !TelephoneNumber.isCanonical(digits)) {
        throw bad("tn holds canonical numbers (digits with country code, no +)");
      }
      numbers.add(new TelephoneNumber(digits));
    }
    return new Delegation(jws, aud, nonce, iat, exp, sdHash, numbers, jkt);
  }

  /** True when the delegation's signature verifies with {@code clientKey}. */
  public boolean signedBy(PublicJwk clientKey) {
    return clientKey.verify(jws.signingInput(), jws.signature());
  }

  public String audience() {
    return audience;
  }

  public String nonce() {
    return nonce;
  }

  public long issuedAt() {
    return issuedAt;
  }

  /** When the grant behind the delegation ends (NumericDate). */
  public long expiresAt() {
    return expiresAt;
  }

  /** The {@code sd_hash} claim: the client presentation it was signed for. */
  public String sdHash() {
    return sdHash;
  }

  public List<TelephoneNumber> numbers() {
    return numbers;
  }

  /** The RFC 7638 thumbprint of the agent's token key ({@code cnf.jkt}). */
  public String agentThumbprint() {
    return agentThumbprint;
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.DELEGATION_MALFORMED, message);
  }
}
