package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.oid4vc.CredentialOffer;
import dev.vesper.holder.outbound.Outbound;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the wallet learns from an issuer's metadata (OpenID4VCI §12.2) and its authorization server's
 * (RFC 8414, §12.3): the endpoints, the offered VESPER configuration, the batch size. Metadata is
 * fetched from the well-known location with the issuer's path inserted; the identifiers it states must
 * equal the ones it was fetched for.
 */
record IssuerEndpoints(URI credentialEndpoint, URI nonceEndpoint, URI tokenEndpoint, String configurationId, int batchSize) {
  static IssuerEndpoints discover(CredentialOffer offer, Outbound outbound) throws VesperException {
    String issuer = offer.credentialIssuer();
    Map<String, Object> metadata = fetch(outbound, wellKnown(issuer, "openid-credential-issuer"), "the issuer metadata");
    if (!issuer.equals(metadata.get("credential_issuer"))) {
      throw bad("the issuer metadata names another credential_issuer");
    }
    String configurationId = null;
    if (metadata.get("credential_configurations_supported") instanceof Map<?, ?> configs) {
      for (String id : offer.configurationIds()) {
        if (configs.get(id) instanceof Map<?, ?> c && OfferRedemption.isVesper(c) && signsWithEs256(c)) {
          configurationId = id;
          break;
        }
      }
    }
    if (configurationId == null) {
      throw bad("the offer names no dc+sd-jwt VESPER configuration bound to an ES256 jwt proof");
    }
    int batch = 1;
    if (metadata.get("batch_credential_issuance") instanceof Map<?, ?> b && b.get("batch_size") instanceof Long size && size >= 2) {
      batch = (int) Math.min(size, 10);
    }
    String as = issuer;
    if (metadata.get("authorization_servers") instanceof List<?> servers && !servers.isEmpty() && servers.get(0) instanceof String first) {
      as = first;
    }
    Map<String, Object> asMetadata = fetch(outbound, wellKnown(as, "oauth-authorization-server"), "the authorization server metadata");
    if (!as.equals(asMetadata.get("issuer"))) {
      throw bad("the authorization server metadata names another issuer");
    }
    return new IssuerEndpoints(uri(metadata.get("credential_endpoint"), "credential_endpoint"),
        metadata.containsKey("nonce_endpoint") ? uri(metadata.get("nonce_endpoint"), "nonce_endpoint") : null,
        uri(asMetadata.get("token_endpoint"), "token_endpoint"), configurationId, batch);
  }

  private static boolean signsWithEs256(Map<?, ?> config) {
    return config.get("proof_types_supported") instanceof Map<?, ?> types && types.get("jwt") instanceof Map<?, ?> jwt
        && jwt.get("proof_signing_alg_values_supported") instanceof List<?> algs && algs.contains("ES256");
  }

  /** {@code https://host/.well-known/<name>/<path>} (RFC 8414 §3.1: the path inserted after the well-known part). */
  static URI wellKnown(String identifier, String name) throws VesperException {
    URI id = uri(identifier, name + " identifier");
    String path = id.getRawPath() == null || id.getRawPath().equals("/") ? "" : id.getRawPath();
    return URI.create(id.getScheme() + "://" + id.getRawAuthority() + "/.well-known/" + name + path);
  }

  private static Map<String, Object> fetch(Outbound outbound, URI uri, String what) throws VesperException {
    return PeerAnswers.object(outbound.get(uri, "application/json"), what, ErrorCode.OID4VC_BAD_OFFER);
  }

  private static URI uri(Object value, String what) throws VesperException {
    if (!(value instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
      throw bad(what + " must be an http(s) URL");
    }
    try {
      return URI.create(s);
    } catch (IllegalArgumentException e) {
      throw bad(what + " is not a URI");
    }
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.OID4VC_BAD_OFFER, message);
  }
}
