package dev.vesper.core.stir;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberCoverage;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * Verifies a PASSporT signer's certificate chain (x5c, leaf first): PKIX to a configured trust anchor,
 * valid at the PASSporT's {@code iat}, not revoked when a {@link CrlSource} is given
 * ({@link #checkingRevocation}: every certificate with a CRL distribution point is looked up, on every call,
 * in its issuer's current CRL), a TNAuthList
 * in the leaf, and every certificate's TNAuthList within its issuer's (RFC 9060 delegates). Then answers
 * whether the leaf's TNAuthList covers a number, resolving SPC entries through an {@link SpcDirectory}.
 * A validated chain is cached (10,000 chains) for every instant inside all its certificates' validity.
 * Thread-safe.
 */
public final class StiCredentials {
  static final int MAX_CHAIN = 6;
  static final int MAX_CERT_BYTES = 16 * 1024;

  private final Set<TrustAnchor> anchors;
  private final SpcDirectory spcs;
  /**
   * Chains already validated, by the SHA-256 of their x5c, with the window in which every certificate is
   * valid: a cached chain is reused for any {@code at} inside it, so the call path does not re-run PKIX.
   */
  private final Map<String, Validated> validated = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Entry<String, Validated> eldest) {
      return size() > 10_000;
    }
  };

  private record Validated(Signer signer, List<X509Certificate> chain, Instant notBefore, Instant notAfter) {}

  private final Revocation revocation;

  private StiCredentials(Set<TrustAnchor> anchors, SpcDirectory spcs, Revocation revocation) {
    this.anchors = anchors;
    this.spcs = spcs;
    this.revocation = revocation;
  }

  /** The same trust, also refusing certificates their CA's CRL lists ({@link ErrorCode#STIR_CERTIFICATE_REVOKED}). */
  public StiCredentials checkingRevocation(CrlSource crls) {
    return new StiCredentials(anchors, spcs, new Revocation(crls, anchors));
  }

  public static StiCredentials trusting(List<X509Certificate> roots, SpcDirectory spcs) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("trust at least one STI root");
    }
    Set<TrustAnchor> anchors = new HashSet<>();
    roots.forEach(r -> anchors.add(new TrustAnchor(r, null)));
    return new StiCredentials(anchors, Objects.requireNonNull(spcs, "spcs == null"), null);
  }

  /** A verified signer: its key, its TNAuthList, its certificate. */
  public record Signer(PublicJwk key, TnAuthList numbers, X509Certificate certificate) {}

  /** Verifies the chain at {@code at}; {@link ErrorCode#STIR_UNSUPPORTED_CREDENTIAL} (or malformed input) otherwise. */
  public Signer verify(List<String> x5c, Instant at) throws VesperException {
    if (x5c.isEmpty() || x5c.size() > MAX_CHAIN) {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "the PASSporT carries no usable x5c chain");
    }
    String key = Sha256.base64UrlOfAscii(String.join(",", x5c));
    Validated hit;
    synchronized (validated) {
      hit = validated.get(key);
    }
    if (hit == null || at.isBefore(hit.notBefore()) || !at.isBefore(hit.notAfter())) {
      hit = validate(x5c, at);
      synchronized (validated) {
        validated.put(key, hit);
      }
    }
    if (revocation != null) {
      revocation.check(hit.chain(), at);
    }
    return hit.signer();
  }

  /** Validates the chain at {@code at}; the result also records the window in which every certificate is valid. */
  private Validated validate(List<String> x5c, Instant at) throws VesperException {
    List<X509Certificate> chain;
    try {
      chain = CertificateChains.decode(x5c, MAX_CERT_BYTES);
      CertificateChains.validate(chain, anchors, at);
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, "x5c holds something that is not base64 DER");
    } catch (CertPathValidatorException e) {
      throw unsupported("the certificate chain does not validate at iat: " + e.getReason() + " (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw unsupported("the certificate chain is unusable: " + e.getMessage());
    }
    X509Certificate leaf = chain.get(0);
    TnAuthList numbers = tnAuthList(leaf).orElseThrow(() -> unsupported("the signer's certificate has no TNAuthList"));
    TnAuthList child = numbers;
    for (int i = 1; i < chain.size(); i++) {
      Optional<TnAuthList> parent = tnAuthList(chain.get(i));
      if (parent.isPresent()) {
        if (!encompasses(parent.get(), child)) {
          throw unsupported("a delegate certificate claims numbers outside its issuer's TNAuthList (RFC 9060)");
        }
        child = parent.get();
      }
    }
    Instant from = Instant.MIN;
    Instant to = Instant.MAX;
    for (X509Certificate c : chain) {
      from = c.getNotBefore().toInstant().isAfter(from) ? c.getNotBefore().toInstant() : from;
      to = c.getNotAfter().toInstant().isBefore(to) ? c.getNotAfter().toInstant() : to;
    }
    return new Validated(new Signer(JcaKeys.toJwk(leaf.getPublicKey()), numbers, leaf), List.copyOf(chain), from, to);
  }

  /** True when {@code list} covers {@code number}: an exact entry, a range, or an SPC the directory maps to it. */
  public boolean covers(TnAuthList list, TelephoneNumber number) {
    if (list.covers(number)) {
      return true;
    }
    for (TnAuthList.Entry e : list.entries()) {
      if (e instanceof TnAuthList.Spc spc) {
        for (NumberEntry n : spcs.numbers(spc.code())) {
          if (n.covers(number)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean encompasses(TnAuthList parent, TnAuthList child) throws VesperException {
    Set<String> parentSpcs = new HashSet<>();
    for (TnAuthList.Entry e : parent.entries()) {
      if (e instanceof TnAuthList.Spc s) {
        parentSpcs.add(s.code());
      }
    }
    NumberCoverage parentNumbers = NumberCoverage.of(numbersOf(parent));
    for (TnAuthList.Entry e : child.entries()) {
      if (e instanceof TnAuthList.Spc s) {
        if (!parentSpcs.contains(s.code())) {
          return false;
        }
      } else {
        for (NumberEntry n : numbersOf(new TnAuthList(List.of(e)))) {
          if (!parentNumbers.covers(n)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private List<NumberEntry> numbersOf(TnAuthList list) throws VesperException {
    List<NumberEntry> out = new ArrayList<>();
    for (TnAuthList.Entry e : list.entries()) {
      if (e instanceof TnAuthList.One one && TelephoneNumber.isCanonical(one.number())) {
        out.add(NumberEntry.of(new TelephoneNumber(one.number())));
      } else if (e instanceof TnAuthList.Range r && TelephoneNumber.isCanonical(r.start())) {
        out.add(r.count() == 1 ? NumberEntry.of(new TelephoneNumber(r.start())) : NumberEntry.of(NumberRange.of(r.start(), r.count())));
      } else if (e instanceof TnAuthList.Spc s) {
        out.addAll(spcs.numbers(s.code()));
      }
    }
    return out;
  }

  private static Optional<TnAuthList> tnAuthList(X509Certificate cert) throws VesperException {
    byte[] ext = cert.getExtensionValue(StiPki.TN_AUTH_LIST.getId());
    if (ext == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TnAuthList.decode(ASN1OctetString.getInstance(ext).getOctets()));
    } catch (VesperException | IllegalArgumentException e) {
      throw unsupported("a certificate's TNAuthList is malformed");
    }
  }

  private static VesperException unsupported(String message) {
    return new VesperException(ErrorCode.STIR_UNSUPPORTED_CREDENTIAL, message);
  }
}
