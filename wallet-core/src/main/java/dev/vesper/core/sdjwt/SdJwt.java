package dev.vesper.core.sdjwt;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SD-JWT or SD-JWT+KB in compact form (RFC 9901 §4), split and decoded but <em>not verified</em>.
 * Keeps the exact received text: {@link #sdHashInput()} is the substring up to and including the last
 * {@code ~}, the input of {@code sd_hash} (§4.3.1). Immutable.
 */
public final class SdJwt {
  private final String text;
  private final CompactJws issuerJwt;
  private final List<Disclosure> disclosures;
  private final CompactJws keyBindingJwt;
  private final int lastTilde;

  private SdJwt(String text, CompactJws issuerJwt, List<Disclosure> disclosures, CompactJws kb, int lastTilde) {
    this.text = text;
    this.issuerJwt = issuerJwt;
    this.disclosures = List.copyOf(disclosures);
    this.keyBindingJwt = kb;
    this.lastTilde = lastTilde;
  }

  /**
   * Splits and decodes {@code text}. Refuses, before decoding anything: input over the size limit,
   * no {@code ~}, an empty disclosure ({@code ~~}), more disclosures than allowed, the same disclosure
   * twice. Then every part must be strict base64url and JSON of the right shape.
   */
  public static SdJwt parse(String text, Limits limits) throws VesperException {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(limits, "limits == null");
    if (text.length() > limits.maxBytes()) {
      throw new VesperException(
          ErrorCode.PARSE_TOO_LARGE, "the SD-JWT has " + text.length() + " characters; the limit is " + limits.maxBytes());
    }
    int firstTilde = text.indexOf('~');
    if (firstTilde < 0) {
      throw new VesperException(ErrorCode.PARSE_MALFORMED, "an SD-JWT contains at least one '~'");
    }
    int lastTilde = text.lastIndexOf('~');
    List<String> parts = new ArrayList<>();
    int start = firstTilde + 1;
    while (start <= lastTilde) {
      int end = text.indexOf('~', start);
      if (end == start) {
        throw new VesperException(ErrorCode.PARSE_MALFORMED, "an SD-JWT must not contain an empty disclosure (~~)");
      }
      parts.add(text.substring(start, end));
      if (parts.size() > limits.maxDisclosures()) {
        throw new VesperException(
            ErrorCode.PARSE_TOO_MANY_DISCLOSURES, "more than " + limits.maxDisclosures() + " disclosures");
      }
      start = end + 1;
    }
    Set<String> seen = new HashSet<>();
    for (String part : parts) {
      if (!seen.add(part)) {
        throw new VesperException(ErrorCode.DISCLOSURE_DUPLICATE, "the same disclosure is presented twice");
      }
    }
    CompactJws issuer = CompactJws.parse(text.substring(0, firstTilde), "issuer JWT");
    List<Disclosure> disclosures = new ArrayList<>(parts.size());
    for (String part : parts) {
      disclosures.add(Disclosure.parse(part));
    }
    String tail = text.substring(lastTilde + 1);
    CompactJws kb = tail.isEmpty() ? null : CompactJws.parse(tail, "KB-JWT");
    return new SdJwt(text, issuer, disclosures, kb, lastTilde);
  }

  /** Assembles an SD-JWT from parts (issuance and presentation), without a KB-JWT. */
  static String serialize(String issuerJwt, List<Disclosure> disclosures) {
    StringBuilder out = new StringBuilder(issuerJwt).append('~');
    for (Disclosure d : disclosures) {
      out.append(d.encoded()).append('~');
    }
    return out.toString();
  }

  public String text() {
    return text;
  }

  public CompactJws issuerJwt() {
    return issuerJwt;
  }

  public List<Disclosure> disclosures() {
    return disclosures;
  }

  public Optional<CompactJws> keyBindingJwt() {
    return Optional.ofNullable(keyBindingJwt);
  }

  /** {@code <issuer JWT>~<D1>~...~<Dn>~} exactly as received. */
  public String sdHashInput() {
    return text.substring(0, lastTilde + 1);
  }
}
