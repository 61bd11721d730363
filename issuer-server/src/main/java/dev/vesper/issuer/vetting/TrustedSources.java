package dev.vesper.issuer.vetting;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.stir.CertificateChains;
import dev.vesper.core.stir.Pem;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The KYC providers, or the numbering authorities, an issuer trusts. Each source is either keys (a JWK
 * or JWK set, optionally naming the {@code iss} its tokens must carry as a top-level {@code "iss"}
 * member), selected by the token's {@code kid}; or certificate roots (a PEM file), under which a token's
 * signing certificate must chain, given in the token header as {@code x5c} or, when the issuer allows it,
 * fetched from {@code x5u} (RFC 9447 §3: the authority's certificate). Immutable.
 */
public final class TrustedSources {
  static final int MAX_CHAIN = 6;
  static final int MAX_CERT_BYTES = 16 * 1024;

  /** One trusted source: its keys or its certificate roots, and, when pinned, its {@code iss}. */
  public record Source(String iss, TrustedKeys keys, List<X509Certificate> roots) {
    public Source {
      Objects.requireNonNull(keys, "keys == null");
      roots = List.copyOf(roots);
    }
  }

  /** The source and key a token's header selects. */
  public record Match(Source source, PublicJwk key) {}

  private final List<Source> sources;
  private final List<URI> x5uAllowed;
  private final X5uFetcher fetcher;

  private TrustedSources(List<Source> sources, List<URI> x5uAllowed, X5uFetcher fetcher) {
    this.sources = List.copyOf(sources);
    this.x5uAllowed = List.copyOf(x5uAllowed);
    this.fetcher = fetcher;
  }

  public static TrustedSources none() {
    return new TrustedSources(List.of(), List.of(), null);
  }

  /**
   * Parses one source per text: PEM certificates (roots), or JSON (a JWK or JWK set with an optional
   * {@code "iss"}).
   */
  public static TrustedSources parse(List<String> texts) throws VesperException {
    List<Source> out = new ArrayList<>();
    for (String text : texts) {
      if (text.strip().startsWith("-----BEGIN")) {
        try {
          out.add(new Source(null, TrustedKeys.of(), Pem.certificates(text)));
        } catch (IllegalArgumentException e) {
          throw new VesperException(ErrorCode.KEY_UNSUPPORTED, "a trusted source's PEM holds no usable certificate");
        }
        continue;
      }
      Map<String, Object> json = new LinkedHashMap<>(Json.parseObject(text));
      Object iss = json.remove("iss");
      if (iss != null && !(iss instanceof String s && !s.isBlank())) {
        throw new VesperException(ErrorCode.KEY_INVALID_JWK, "a trusted source's iss must be a non-empty string");
      }
      out.add(new Source((String) iss, TrustedKeys.parse(Json.write(json)), List.of()));
    }
    return new TrustedSources(out, List.of(), null);
  }

  /**
   * The same sources, fetching {@code x5u} chains through {@code fetcher} (in production an
   * {@link HttpX5uFetcher}) for URLs under one of {@code allowed} (https only; scheme, host and port
   * equal, path a prefix: an origin {@code https://host} allows its every path). Nothing else is fetched.
   */
  public TrustedSources withX5u(List<String> allowed, X5uFetcher fetcher) {
    List<URI> uris = new ArrayList<>();
    for (String a : allowed) {
      URI u = URI.create(a);
      if (!"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException("an x5u allow-list entry is an https URL: " + a);
      }
      uris.add(u);
    }
    return new TrustedSources(sources, uris, Objects.requireNonNull(fetcher, "fetcher == null"));
  }

  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /** Every trusted source, for publishing or describing. */
  public List<Source> sources() {
    return sources;
  }

  /**
   * The source and key that vouch for {@code token} at {@code now}: with {@code x5c} (or {@code x5u}) in
   * its header, the certificate chain's end-entity key when the chain validates to a trusted root;
   * otherwise the one key its {@code kid} names (or the only key in all, when there is no kid).
   *
   * @throws VesperException {@link ErrorCode#VETTING_UNTRUSTED_SOURCE} when no trusted source vouches
   */
  public Match select(CompactJws token, Instant now) throws VesperException {
    if (token.header().containsKey("x5c") || token.header().containsKey("x5u")) {
      return selectByCertificate(token, now);
    }
    String kid = token.headerString("kid");
    List<Match> matches = new ArrayList<>();
    for (Source s : sources) {
      if (kid != null) {
        s.keys().select(kid).ifPresent(k -> matches.add(new Match(s, k)));
      } else {
        for (PublicJwk k : s.keys().keys()) {
          matches.add(new Match(s, k));
        }
      }
    }
    if (matches.size() != 1) {
      throw untrusted("it is not signed by a key this issuer trusts");
    }
    return matches.get(0);
  }

  private Match selectByCertificate(CompactJws token, Instant now) throws VesperException {
    List<X509Certificate> chain = token.header().containsKey("x5c") ? x5c(token.header().get("x5c")) : fetch(token.headerString("x5u"));
    for (Source s : sources) {
      if (s.roots().isEmpty()) {
        continue;
      }
      Set<TrustAnchor> anchors = new HashSet<>();
      s.roots().forEach(r -> anchors.add(new TrustAnchor(r, null)));
      try {
        CertificateChains.validate(chain, anchors, now);
      } catch (GeneralSecurityException e) {
        continue;
      }
      try {
        return new Match(s, Pem.publicKey(chain.get(0)));
      } catch (VesperException e) {
        throw untrusted("its certificate does not hold a P-256 key");
      }
    }
    throw untrusted("its certificate chain leads to no root this issuer trusts (or is not valid now)");
  }

  private static List<X509Certificate> x5c(Object header) throws VesperException {
    if (!(header instanceof List<?> list) || list.isEmpty() || list.size() > MAX_CHAIN) {
      throw untrusted("its x5c is not a chain of 1 to " + MAX_CHAIN + " certificates");
    }
    List<String> der = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw untrusted("its x5c holds something that is not a base64 certificate");
      }
      der.add(s);
    }
    try {
      return CertificateChains.decode(der, MAX_CERT_BYTES);
    } catch (IllegalArgumentException | CertificateException e) {
      throw untrusted("its x5c holds something that is not a base64 DER certificate");
    }
  }

  /** Fetches an allow-listed x5u; every failure answers the same, so the fetch is no probe. */
  private List<X509Certificate> fetch(String x5u) throws VesperException {
    if (fetcher == null) {
      throw untrusted("it names its certificate by x5u, which this issuer does not fetch: send the chain as x5c");
    }
    URI url = allowed(x5u).orElseThrow(() -> untrusted("its x5u is not an https URL on this issuer's allow-list"));
    List<X509Certificate> chain;
    try {
      chain = fetcher.fetch(url);
    } catch (VesperException e) {
      throw untrusted("its x5u certificate chain could not be fetched");
    }
    if (chain.isEmpty() || chain.size() > MAX_CHAIN) {
      throw untrusted("its x5u certificate chain could not be fetched");
    }
    return chain;
  }

  private Optional<URI> allowed(String x5u) {
    if (x5u == null || x5u.length() > 2048) {
      return Optional.empty();
    }
    URI u;
    try {
      u = new URI(x5u);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (!"https".equals(u.getScheme()) || u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null
        || u.getRawPath() == null || u.getRawPath().contains("%")) {
      return Optional.empty();
    }
    for (URI a : x5uAllowed) {
      if (a.getHost().equalsIgnoreCase(u.getHost()) && port(a) == port(u)
          && u.normalize().getRawPath().startsWith(a.getRawPath() == null ? "" : a.getRawPath())) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  private static int port(URI u) {
    return u.getPort() < 0 ? 443 : u.getPort();
  }

  private static VesperException untrusted(String why) {
    return new VesperException(ErrorCode.VETTING_UNTRUSTED_SOURCE, "no source this issuer trusts vouches for the token: " + why);
  }
}
