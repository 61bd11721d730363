package dev.vesper.core.oid4vc;

import dev.vesper.core.dcql.DcqlQuery;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenID4VP 1.0 authorization request a wallet answers (§5), authenticated by its client identifier
 * prefix: {@code x509_san_dns:} requests must be signed ({@link RequestObjects}); {@code redirect_uri:}
 * requests must not be, and their {@code response_uri} must be the identifier. Only response mode
 * {@code direct_post} and DCQL are supported; a request with {@code transaction_data} is refused, as the
 * spec requires of wallets that do not support it. Immutable.
 *
 * @param clientId the full client identifier, prefix included (the KB-JWT {@code aud}, the policy audience)
 * @param responseUri where the response is posted
 * @param nonce the KB-JWT {@code nonce}
 * @param state the state to echo, or null
 * @param query the DCQL query
 */
public record AuthorizationRequest(String clientId, String responseUri, String nonce, String state, DcqlQuery query) {
  /** What an {@code openid4vp://} link says before anything is fetched. */
  public record Link(String clientId, Map<String, String> parameters, Optional<URI> requestUri) {}

  /** Reads the link; {@code request_uri} (method get) is to be fetched, a by-value {@code request} is read at once. */
  public static Link link(String link) throws VesperException {
    Map<String, String> p = Links.parameters(link, ErrorCode.OID4VC_BAD_AUTHORIZATION_REQUEST);
    String clientId = p.get("client_id");
    if (clientId == null || clientId.isEmpty()) {
      throw bad("client_id is required");
    }
    if (p.containsKey("request_uri_method") && !"get".equals(p.get("request_uri_method"))) {
      throw bad("this wallet fetches request_uri with GET only");
    }
    if (p.containsKey("request_uri")) {
      try {
        return new Link(clientId, p, Optional.of(URI.create(p.get("request_uri"))));
      } catch (IllegalArgumentException e) {
        throw bad("request_uri is not a URI");
      }
    }
    return new Link(clientId, p, Optional.empty());
  }

  /**
   * The request a link stands for, given the request object fetched from its {@code request_uri}
   * ({@code fetched}, null when the link has none). {@code anchors} are the roots {@code x509_san_dns:}
   * verifiers' chains must lead to.
   */
  public static AuthorizationRequest resolve(Link link, String fetched, List<X509Certificate> anchors, Instant now) throws VesperException {
    String jwt = fetched != null ? fetched : link.parameters().get("request");
    String clientId = link.clientId();
    if (clientId.startsWith("x509_san_dns:")) {
      if (jwt == null) {
        throw untrusted("an x509_san_dns: request must be signed (request or request_uri)");
      }
      Map<String, Object> claims = RequestObjects.verifyX509SanDns(jwt, clientId.substring("x509_san_dns:".length()), anchors, now);
      if (!clientId.equals(claims.get("client_id"))) {
        throw untrusted("the request object's client_id differs from the link's");
      }
      AuthorizationRequest r = of(claims);
      if (!clientId.substring("x509_san_dns:".length()).equals(host(r.responseUri()))) {
        throw untrusted("the response_uri's host is not the certificate's DNS name");
      }
      return r;
    }
    if (clientId.startsWith("redirect_uri:")) {
      if (jwt != null) {
        throw untrusted("a redirect_uri: request must not be signed (OpenID4VP §5.9.3)");
      }
      AuthorizationRequest r = of(new LinkedHashMap<>(link.parameters()));
      if (!clientId.equals("redirect_uri:" + r.responseUri())) {
        throw untrusted("under redirect_uri:, the client identifier must be the response_uri");
      }
      return r;
    }
    throw untrusted("unsupported client identifier prefix (this wallet takes x509_san_dns: and redirect_uri:)");
  }

  /** Validates the request parameters (URL strings or request-object claims). */
  static AuthorizationRequest of(Map<String, ?> p) throws VesperException {
    if (!"vp_token".equals(p.get("response_type"))) {
      throw bad("response_type must be vp_token");
    }
    if (!"direct_post".equals(p.get("response_mode"))) {
      throw bad("this wallet answers with response_mode direct_post only");
    }
    if (p.containsKey("redirect_uri")) {
      throw bad("redirect_uri must be absent with direct_post (§8.2)");
    }
    if (p.containsKey("transaction_data")) {
      throw bad("this wallet does not support transaction_data, so it must refuse the request (§8.4)");
    }
    if (p.containsKey("scope") || !p.containsKey("dcql_query")) {
      throw bad("the request must carry a dcql_query (scopes are not supported)");
    }
    if (!(p.get("response_uri") instanceof String responseUri) || !(responseUri.startsWith("https://") || responseUri.startsWith("http://"))) {
      throw bad("response_uri must be an http(s) URL");
    }
    if (!(p.get("nonce") instanceof String nonce) || nonce.isEmpty() || nonce.length() > 512) {
      throw bad("nonce is required");
    }
    Object state = p.get("state");
    if (state != null && !(state instanceof String s && !s.isEmpty() && s.length() <= 512)) {
      throw bad("state must be a string");
    }
    Object dcql = p.get("dcql_query");
    Object query = dcql instanceof String text ? Json.parse(text.getBytes(StandardCharsets.UTF_8)) : dcql;
    return new AuthorizationRequest((String) p.get("client_id"), responseUri, nonce, (String) state, DcqlQuery.parse(query));
  }

  private static String host(String uri) {
    try {
      return URI.create(uri).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static VesperException bad(String message) {
    return new VesperException(ErrorCode.OID4VC_BAD_AUTHORIZATION_REQUEST, message);
  }

  static VesperException untrusted(String message) {
    return new VesperException(ErrorCode.OID4VC_UNTRUSTED_CLIENT, message);
  }
}
