package dev.vesper.verifier.oid4vp;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.dcql.DcqlQuery;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.token.VesperDcql;
import dev.vesper.server.qr.QrCode;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.StatusLists;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The verifier's side of OpenID4VP 1.0 (docs/openid4vc.md §3): DCQL presentation requests with a fresh
 * {@code nonce} and {@code state}, response mode {@code direct_post}, signed and served at a
 * {@code request_uri} ({@code x509_san_dns:}) or passed by value ({@code redirect_uri:}); the response
 * endpoint settles each request once, checking every presentation with the strict verifier (status
 * included when configured) and the answer against the query ({@link VpTokens}).
 */
public final class PresentationRequests {
  /**
   * A request just made: its id, the full {@code client_id}, the {@code request_uri} of a signed request
   * (null when passed by value), the {@code openid4vp://} URL to hand to the wallet, when it lapses.
   */
  public record Created(String id, String clientId, String requestUri, String request, long expiresAt) {}

  /** A presentation verified for a credential query: its issuer, the claims the query asked for (a JSON object), the disclosed paths. */
  public record VerifiedCredential(String issuer, Map<String, Object> claims, List<String> disclosed) {}

  /** How a settled request ended: the verified credentials by query id, or the failure's error id and message. */
  public record Outcome(Map<String, List<VerifiedCredential>> credentials, String error, String message) {
    static Outcome verified(Map<String, List<VerifiedCredential>> credentials) {
      return new Outcome(credentials, null, null);
    }

    static Outcome failed(String error, String message) {
      return new Outcome(null, error, message);
    }
  }

  /** A request as its poller sees it: {@code pending}, {@code verified} or {@code failed}, and the outcome once settled (else null). */
  public record Status(String id, long expiresAt, String status, Outcome outcome) {}

  private final Oid4vpClient client;
  private final VpTokens vpTokens;
  private final Clock clock;
  private final Randomness random;
  private final Transactions transactions = new Transactions();

  public PresentationRequests(Oid4vpClient client, IssuerTrust issuers, StatusLists statusLists, Clock clock, Randomness random) {
    this.client = client;
    this.vpTokens = new VpTokens(PresentationVerifier.create(), issuers, statusLists, clock);
    this.clock = clock;
    this.random = random;
  }

  /**
   * A request for {@code dcqlQuery}, with the {@code openid4vp://} URL to hand to the wallet (link or QR code).
   *
   * @throws VesperException {@link ErrorCode#DCQL_INVALID_QUERY} for a malformed query or one no VESPER
   *     holder can answer; {@link ErrorCode#STORAGE_UNAVAILABLE} when too many requests are open
   */
  public Created create(Object dcqlQuery) throws VesperException {
    DcqlQuery query = DcqlQuery.parse(dcqlQuery);
    VesperDcql.checkAskable(query);
    long now = clock.instant().getEpochSecond();
    String id = "pr_" + randomText(16);
    Transaction t = Transaction.pending(id, client.clientId(id), randomText(16), randomText(16), query, now,
        now + client.lifetime().toSeconds());
    t = t.withRequest(requestUrl(t));
    if (!transactions.add(t, now)) {
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "too many open presentation requests; retry shortly");
    }
    return new Created(id, t.clientId(), client.signsRequests() ? client.requestUri(id) : null, t.request(), t.expiresAt());
  }

  /** The QR code of a request's {@code openid4vp://} URL, as SVG, while the request is pending. */
  public String qrCode(String id) throws VesperException {
    return QrCode.encode(pending(id).request()).toSvg(4);
  }

  private String requestUrl(Transaction t) {
    if (client.signsRequests()) {
      return "openid4vp://?client_id=" + enc(t.clientId()) + "&request_uri=" + enc(client.requestUri(t.id()));
    }
    StringJoiner url = new StringJoiner("&", "openid4vp://?", "");
    parameters(t).forEach((k, v) -> url.add(k + "=" + enc(v instanceof String s ? s : Json.write(v))));
    return url.toString();
  }

  /** The signed request object of a pending signed request ({@code application/oauth-authz-req+jwt}). */
  public String requestObject(String id) throws VesperException {
    Transaction t = pending(id);
    if (!client.signsRequests()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "this verifier passes its requests by value");
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("typ", "oauth-authz-req+jwt");
    header.put("x5c", client.x5c());
    Map<String, Object> claims = new LinkedHashMap<>(parameters(t));
    claims.put("aud", "https://self-issued.me/v2");
    claims.put("iat", clock.instant().getEpochSecond());
    claims.put("exp", t.expiresAt());
    return CompactJws.sign(header, claims, client.requestKey());
  }

  /**
   * The response endpoint ({@code direct_post}, §8.2): {@code form} as received. Settles the request:
   * verified, or failed with the reason; returns normally for a response it accepted.
   *
   * @throws VesperException {@link ErrorCode#OID4VC_REQUEST_EXPIRED} (unknown, expired or settled),
   *     {@link ErrorCode#OID4VC_STATE_MISMATCH}, {@link ErrorCode#OID4VC_INVALID_REQUEST} (malformed;
   *     the request stays pending), or the presentation's or the query's failure (the request is failed)
   */
  public void respond(String id, Map<String, List<String>> form) throws VesperException {
    Transaction t = pending(id);
    for (Map.Entry<String, List<String>> e : form.entrySet()) {
      if (e.getValue().size() != 1) {
        throw new VesperException(ErrorCode.OID4VC_INVALID_REQUEST, "parameter " + e.getKey() + " is sent more than once");
      }
    }
    String state = single(form, "state");
    if (!t.state().equals(state)) {
      throw new VesperException(ErrorCode.OID4VC_STATE_MISMATCH, "the response's state is not this request's");
    }
    String error = single(form, "error");
    if (error != null) {
      settle(t, Transaction.FAILED, Outcome.failed("wallet." + clip(error), clip(String.valueOf(single(form, "error_description")))));
      return;
    }
    Map<String, List<String>> presentations = VpTokens.parse(single(form, "vp_token"));
    try {
      settle(t, Transaction.VERIFIED, Outcome.verified(vpTokens.verify(t, presentations)));
    } catch (VesperException e) {
      settle(t, Transaction.FAILED, Outcome.failed(e.code().id(), e.getMessage()));
      throw e;
    }
  }

  /** The request's status; a pending request past its expiry reads as failed. */
  public Status status(String id) throws VesperException {
    long now = clock.instant().getEpochSecond();
    Transaction t = transactions.get(id, now).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such presentation request"));
    if (t.status().equals(Transaction.PENDING) && now >= t.expiresAt()) {
      return new Status(t.id(), t.expiresAt(), Transaction.FAILED,
          Outcome.failed(ErrorCode.OID4VC_REQUEST_EXPIRED.id(), "no wallet answered in time"));
    }
    return new Status(t.id(), t.expiresAt(), t.status(), t.outcome());
  }

  private Transaction pending(String id) throws VesperException {
    long now = clock.instant().getEpochSecond();
    Transaction t = transactions.get(id, now).orElse(null);
    if (t == null || !t.status().equals(Transaction.PENDING) || now >= t.expiresAt()) {
      throw new VesperException(ErrorCode.OID4VC_REQUEST_EXPIRED, "no pending presentation request " + clip(id) + ": unknown, expired or answered");
    }
    return t;
  }

  private void settle(Transaction t, String status, Outcome outcome) throws VesperException {
    if (!transactions.finish(t, t.finish(status, outcome))) {
      throw new VesperException(ErrorCode.OID4VC_REQUEST_EXPIRED, "the presentation request was answered already");
    }
  }

  /** The authorization request parameters (§5.1), as JSON values. */
  private Map<String, Object> parameters(Transaction t) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("client_id", t.clientId());
    p.put("response_type", "vp_token");
    p.put("response_mode", "direct_post");
    p.put("response_uri", client.responseUri(t.id()));
    p.put("nonce", t.nonce());
    p.put("state", t.state());
    p.put("dcql_query", t.query().toJson());
    p.put("client_metadata", Map.of("vp_formats_supported",
        Map.of("dc+sd-jwt", Map.of("sd-jwt_alg_values", List.of("ES256"), "kb-jwt_alg_values", List.of("ES256")))));
    return p;
  }

  private String randomText(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64Url.encode(b);
  }

  private static String single(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
