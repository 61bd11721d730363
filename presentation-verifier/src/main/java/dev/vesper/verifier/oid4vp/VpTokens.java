package dev.vesper.verifier.oid4vp;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.dcql.CredentialQuery;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.token.VesperDcql;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.VerificationPolicy;
import dev.vesper.verifier.VerifiedPresentation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code vp_token} (OpenID4VP §8.1): {@code {"<query id>": ["<SD-JWT+KB>", ...]}}, each presentation
 * verified strictly for this request ({@code aud} the full client identifier, {@code nonce} the
 * request's, status when configured) and the whole checked against the DCQL query. The outcome names,
 * per query, exactly the claims the query asked for.
 */
final class VpTokens {
  static final int MAX_QUERIES = 16;
  static final int MAX_PER_QUERY = 8;

  private final PresentationVerifier verifier;
  private final IssuerTrust issuers;
  private final StatusLists statusLists;
  private final Clock clock;

  VpTokens(PresentationVerifier verifier, IssuerTrust issuers, StatusLists statusLists, Clock clock) {
    this.verifier = verifier;
    this.issuers = issuers;
    this.statusLists = statusLists;
    this.clock = clock;
  }

  /** Reads the form's {@code vp_token}; a bare string stands for a one-element array (some wallets send one). */
  static Map<String, List<String>> parse(String vpToken) throws VesperException {
    if (vpToken == null) {
      throw malformed("vp_token is required (or error)");
    }
    Map<String, Object> json;
    try {
      json = Json.parseObject(vpToken.getBytes(StandardCharsets.UTF_8));
    } catch (VesperException e) {
      throw malformed("vp_token is not a JSON object: " + e.getMessage());
    }
    if (json.isEmpty() || json.size() > MAX_QUERIES) {
      throw malformed("vp_token answers 1 to " + MAX_QUERIES + " credential queries");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json.entrySet()) {
      List<String> presentations = new ArrayList<>();
      List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      if (values.isEmpty() || values.size() > MAX_PER_QUERY) {
        throw malformed("vp_token." + PresentationRequests.clip(e.getKey()) + " holds 1 to " + MAX_PER_QUERY + " presentations");
      }
      for (Object v : values) {
        if (!(v instanceof String s) || s.isEmpty()) {
          throw malformed("vp_token presentations are strings (SD-JWT+KB)");
        }
        presentations.add(s);
      }
      out.put(e.getKey(), presentations);
    }
    return out;
  }

  /** Verifies the presentations for {@code t}; returns the verified credentials by query id. */
  Map<String, List<PresentationRequests.VerifiedCredential>> verify(Transaction t, Map<String, List<String>> presentations) throws VesperException {
    VerificationPolicy.Builder policy = VerificationPolicy.builder(issuers).clock(clock).expectAudience(t.clientId()).expectNonce(t.nonce());
    if (statusLists != null) {
      policy.checkStatus(statusLists);
    }
    VerificationPolicy built = policy.build();
    Map<String, List<Map<String, Object>>> claimsById = new LinkedHashMap<>();
    Map<String, List<VerifiedPresentation>> verified = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : presentations.entrySet()) {
      for (String p : e.getValue()) {
        VerifiedPresentation v = verifier.verify(p, built);
        verified.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v);
        claimsById.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v.claims());
      }
    }
    t.query().checkAnswered(claimsById, VesperDcql.MATCHER);
    Map<String, List<PresentationRequests.VerifiedCredential>> credentials = new LinkedHashMap<>();
    for (Map.Entry<String, List<VerifiedPresentation>> e : verified.entrySet()) {
      CredentialQuery query = t.query().credential(e.getKey()).orElseThrow();
      List<PresentationRequests.VerifiedCredential> out = new ArrayList<>();
      for (VerifiedPresentation v : e.getValue()) {
        out.add(new PresentationRequests.VerifiedCredential(v.issuer().orElse(null),
            project(v.claims(), query.select(v.claims(), VesperDcql.MATCHER).orElseThrow()), v.disclosedPaths()));
      }
      credentials.put(e.getKey(), out);
    }
    return credentials;
  }

  /** The parts of {@code claims} at {@code paths}, in their nesting (array elements kept in order). */
  static Map<String, Object> project(Map<String, Object> claims, List<ClaimPath> paths) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ClaimPath p : paths) {
      put(out, claims, p.segments(), 0);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> out, Map<String, Object> source, List<Object> path, int at) {
    String name = (String) path.get(at);
    Object value = source.get(name);
    if (at == path.size() - 1) {
      out.put(name, value);
    } else if (path.get(at + 1) instanceof Integer index && value instanceof List<?> list) {
      List<Object> elements = out.get(name) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
      elements.add(list.get(index));
      out.put(name, elements);
    } else if (value instanceof Map<?, ?> m) {
      Map<String, Object> inner = out.get(name) instanceof Map<?, ?> existing ? (Map<String, Object>) existing : new LinkedHashMap<>();
      put(inner, (Map<String, Object>) m, path, at + 1);
      out.put(name, inner);
    }
  }

  private static VesperException malformed(String message) {
    return new VesperException(ErrorCode.OID4VC_INVALID_REQUEST, message);
  }
}
