package dev.vesper.issuer.vetting;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KYC providers, or the numbering authorities, an issuer trusts: each from a JWK or JWK set file,
 * optionally naming the {@code iss} its tokens must carry (a top-level {@code "iss"} member). Immutable.
 */
public final class TrustedSources {
  /** One trusted source: its keys and, when pinned, its {@code iss}. */
  public record Source(String iss, TrustedKeys keys) {}

  /** The source and key a token's header selects. */
  public record Match(Source source, PublicJwk key) {}

  private final List<Source> sources;

  private TrustedSources(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  public static TrustedSources none() {
    return new TrustedSources(List.of());
  }

  /** Parses one source per JSON text (a JWK or JWK set, with an optional {@code "iss"}). */
  public static TrustedSources parse(List<String> jsonTexts) throws VesperException {
    List<Source> out = new ArrayList<>();
    for (String text : jsonTexts) {
      Map<String, Object> json = new LinkedHashMap<>(Json.parseObject(text));
      Object iss = json.remove("iss");
      if (iss != null && !(iss instanceof String s && !s.isBlank())) {
        throw new VesperException(ErrorCode.KEY_INVALID_JWK, "a trusted source's iss must be a non-empty string");
      }
      out.add(new Source((String) iss, TrustedKeys.parse(Json.write(json))));
    }
    return new TrustedSources(out);
  }

  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /** Every trusted key, for publishing or describing. */
  public List<Source> sources() {
    return sources;
  }

  /**
   * The source whose key the token's {@code kid} names (or the only key, when there is no kid and one
   * key in all); empty when none does.
   */
  public Optional<Match> select(CompactJws token) {
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
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }
}
