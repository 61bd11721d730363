package dev.vesper.holder.service;

import dev.vesper.core.dcql.ClaimQuery;
import dev.vesper.core.dcql.CredentialQuery;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.oid4vc.AuthorizationRequest;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.VesperDcql;
import dev.vesper.core.token.VesperToken;
import dev.vesper.holder.outbound.Outbound;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wallet answering an OpenID4VP 1.0 request (docs/openid4vc.md §2): resolve and authenticate the
 * request, match its DCQL query against the tenant's live tokens <em>and</em> each token's disclosure
 * policy for the verifier (the full {@code client_id} is the audience), and only when the whole query can
 * be answered within policy sign the key-bound presentations ({@code aud} = client_id, the request's
 * {@code nonce}), audit them, and post the {@code vp_token} to the {@code response_uri}. A query that needs
 * more than the policy allows is refused and nothing is sent.
 */
public final class PresentationResponder {
  private final TokenLibrary library;
  private final PoolSelector selector;
  private final Tenants tenants;
  private final AuditWriter audit;
  private final Outbound outbound;
  private final List<X509Certificate> verifierAnchors;
  private final Clock clock;

  public PresentationResponder(TokenLibrary library, PoolSelector selector, Tenants tenants, AuditWriter audit, Outbound outbound,
      List<X509Certificate> verifierAnchors, Clock clock) {
    this.library = library;
    this.selector = selector;
    this.tenants = tenants;
    this.audit = audit;
    this.outbound = outbound;
    this.verifierAnchors = List.copyOf(verifierAnchors);
    this.clock = clock;
  }

  /** A chosen answer to one credential query. */
  private record Answer(String queryId, LoadedToken token, List<ClaimPath> paths) {}

  /** One credential query answered: the token that answered it and the claims it disclosed (as audited). */
  public record Disclosed(String query, String tokenId, List<String> claims) {}

  /** A request answered, and accepted by the verifier it names by {@code clientId}. */
  public record Answered(String clientId, List<Disclosed> disclosed) {}

  /** Answers {@code requestLink} for the caller. */
  public Answered respond(Caller caller, String requestLink) throws VesperException {
    AuthorizationRequest.Link link = AuthorizationRequest.link(requestLink);
    String fetched = null;
    if (link.requestUri().isPresent()) {
      Outbound.Response r = outbound.get(link.requestUri().get(), "application/oauth-authz-req+jwt");
      if (!r.ok()) {
        throw PeerAnswers.refused(r, "the request_uri");
      }
      fetched = r.text().strip();
    }
    AuthorizationRequest request = AuthorizationRequest.resolve(link, fetched, verifierAnchors, clock.instant());
    List<Answer> answers = choose(caller, request);
    Set<String> claimed = new HashSet<>();
    for (Answer a : answers) { // recorded before anything is signed: the pool's rotation holds
      if (claimed.add(a.token().id())) {
        selector.claimNamed(a.token(), request.clientId());
      }
    }
    long now = clock.instant().getEpochSecond();
    KeyBindingRequest binding = new KeyBindingRequest(request.clientId(), request.nonce(), now);
    Map<String, Object> vpToken = new LinkedHashMap<>();
    List<Disclosed> disclosed = new ArrayList<>();
    for (Answer a : answers) {
      Set<Disclosure> chosen = new LinkedHashSet<>();
      for (ClaimPath p : a.paths()) {
        chosen.addAll(a.token().holder().disclosuresFor(p));
      }
      vpToken.put(a.queryId(), List.of(a.token().holder().present(chosen, a.token().key(), binding)));
      List<String> names = auditNames(a.paths());
      audit.write(AuditEntries.of(tenants, a.token().tenantId(), caller.tenantId(), null, a.token().id(), names, request.clientId(),
          clock.millis()));
      disclosed.add(new Disclosed(a.queryId(), a.token().id(), names));
    }
    StringBuilder form = new StringBuilder("vp_token=").append(enc(Json.write(vpToken)));
    if (request.state() != null) {
      form.append("&state=").append(enc(request.state()));
    }
    Outbound.Response r = outbound.post(URI.create(request.responseUri()), "application/x-www-form-urlencoded",
        form.toString().getBytes(StandardCharsets.US_ASCII), Map.of("Accept", "application/json"));
    if (!r.ok()) {
      throw PeerAnswers.refused(r, "the verifier's response_uri");
    }
    return new Answered(request.clientId(), disclosed);
  }

  /** For each credential query to answer, the tenant's best token and the claim paths to disclose; refusals as documented. */
  private List<Answer> choose(Caller caller, AuthorizationRequest request) throws VesperException {
    long now = clock.instant().getEpochSecond();
    List<LoadedToken> tokens = library.loadAll(caller.tenantId());
    Map<String, Answer> answerable = new LinkedHashMap<>();
    boolean refusedByPolicy = false;
    boolean shownElsewhere = false;
    for (CredentialQuery q : request.query().credentials()) {
      if (!VesperToken.TYP.equals(q.format()) || !q.vctValues().contains(VesperToken.VCT) || q.trustedAuthorities()) {
        continue;
      }
      Answer best = null;
      for (LoadedToken t : tokens) {
        if (!t.liveAt(now)) {
          continue;
        }
        Optional<List<ClaimPath>> paths = q.select(t.holder().claims(), VesperDcql.MATCHER);
        if (paths.isEmpty()) {
          continue;
        }
        if (!permitted(t.policy().allowedFor(request.clientId()), q, paths.get())) {
          refusedByPolicy = true;
          continue;
        }
        if (!selector.mayShow(t, request.clientId())) {
          shownElsewhere = true;
          continue;
        }
        if (best == null || t.expiresAt() > best.token().expiresAt()) {
          best = new Answer(q.id(), t, paths.get());
        }
      }
      if (best != null) {
        answerable.put(q.id(), best);
      }
    }
    Optional<Set<String>> ids = request.query().toAnswer(answerable::containsKey);
    if (ids.isEmpty()) {
      throw refusedByPolicy
          ? new VesperException(ErrorCode.HOLDER_DISCLOSURE_REFUSED, "the query asks for more than the disclosure policy gives " + request.clientId())
          : shownElsewhere
          ? new VesperException(ErrorCode.HOLDER_POOL_EXHAUSTED, "every token that could answer was shown to another audience (pool rotation)")
          : new VesperException(ErrorCode.HOLDER_NO_MATCHING_CREDENTIAL, "no live token of yours can answer this query");
    }
    List<Answer> out = new ArrayList<>();
    for (String id : ids.get()) {
      out.add(answerable.get(id));
    }
    return out;
  }

  /**
   * True when the policy's {@code allowed} claims cover every path: always-visible claims need nothing;
   * {@code tn} elements only when the policy allows {@code tn} and the query names every number it wants
   * by value (the number list as a whole is never disclosed); everything else as the policy says.
   */
  static boolean permitted(List<String> allowed, CredentialQuery query, List<ClaimPath> paths) {
    for (ClaimPath p : paths) {
      String first = (String) p.first();
      if (VesperToken.ALWAYS_VISIBLE.contains(first)) {
        continue;
      }
      if (VesperToken.TN.equals(first)) {
        if (p.segments().size() != 2 || !allowed.contains(VesperToken.TN) || !numbersAskedByValue(query)) {
          return false;
        }
        continue;
      }
      if (!DisclosurePolicy.permits(allowed, ClaimSelector.path(p))) {
        return false;
      }
    }
    return true;
  }

  private static boolean numbersAskedByValue(CredentialQuery query) {
    for (ClaimQuery c : query.claims()) {
      if (VesperToken.TN.equals(c.path().get(0)) && c.values() == null) {
        return false;
      }
    }
    return true;
  }

  private static List<String> auditNames(List<ClaimPath> paths) {
    List<String> out = new ArrayList<>();
    for (ClaimPath p : paths) {
      String name = VesperToken.TN.equals(p.first()) ? VesperToken.TN : p.toString();
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
