package dev.vesper.issuer.service;

import dev.vesper.core.token.VesperToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issuer's OpenID4VCI 1.0 metadata (§12.2) with its one credential configuration, the VESPER token,
 * and the metadata of the issuer as its own authorization server (§12.3, RFC 8414): pre-authorized code
 * and refresh token grants, anonymous access, DPoP accepted (and required for refresh).
 */
public final class IssuerMetadata {
  /** The id of the VESPER token's credential configuration (also its scope and credential identifier). */
  public static final String CONFIGURATION_ID = "vesper_identity";
  public static final String PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
  /** RFC 6749 §6; refresh tokens go only with DPoP-bound access tokens. */
  public static final String REFRESH_GRANT = "refresh_token";
  public static final String TOKEN_PATH = "/oid4vci/token";
  public static final String NONCE_PATH = "/oid4vci/nonce";
  public static final String CREDENTIAL_PATH = "/oid4vci/credential";
  public static final String OFFERS_PATH = "/oid4vci/offers/";
  /** The most proofs (so credentials) one credential request may carry. */
  public static final int BATCH_SIZE = Proofs.MAX_BATCH;

  private static final List<String[]> CLAIMS = List.of(
      new String[] {"name", "Name"}, new String[] {"entity_type", "Entity type"}, new String[] {"address", "Address"},
      new String[] {"business_category", "Business category"}, new String[] {"business_ids", "Business identifiers"},
      new String[] {"kyc", "Vetting"}, new String[] {"tn", "Telephone numbers"});

  private IssuerMetadata() {}

  /** {@code /.well-known/openid-credential-issuer}. */
  public static Map<String, Object> credentialIssuer(String issuerUrl) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("format", VesperToken.TYP);
    config.put("vct", VesperToken.VCT);
    config.put("scope", CONFIGURATION_ID);
    config.put("cryptographic_binding_methods_supported", List.of("jwk"));
    config.put("credential_signing_alg_values_supported", List.of("ES256"));
    config.put("proof_types_supported", Map.of("jwt", Map.of("proof_signing_alg_values_supported", List.of("ES256"))));
    List<Object> claims = new ArrayList<>();
    for (String[] c : CLAIMS) {
      claims.add(Map.of("path", List.of(c[0]), "display", List.of(Map.of("name", c[1], "locale", "en"))));
    }
    config.put("credential_metadata", Map.of(
        "display", List.of(Map.of("name", "VESPER telephone identity", "locale", "en",
            "description", "A vetted identity behind telephone numbers, disclosed selectively per call")),
        "claims", claims));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credential_issuer", issuerUrl);
    out.put("credential_endpoint", issuerUrl + CREDENTIAL_PATH);
    out.put("nonce_endpoint", issuerUrl + NONCE_PATH);
    out.put("batch_credential_issuance", Map.of("batch_size", BATCH_SIZE));
    out.put("display", List.of(Map.of("name", "Vesper issuer", "locale", "en")));
    out.put("credential_configurations_supported", Map.of(CONFIGURATION_ID, config));
    return out;
  }

  /** {@code /.well-known/oauth-authorization-server}: the issuer is its own authorization server. */
  public static Map<String, Object> authorizationServer(String issuerUrl) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", issuerUrl);
    out.put("token_endpoint", issuerUrl + TOKEN_PATH);
    out.put("grant_types_supported", List.of(PRE_AUTHORIZED_GRANT, REFRESH_GRANT));
    out.put("pre-authorized_grant_anonymous_access_supported", true);
    out.put("response_types_supported", List.of());
    out.put("token_endpoint_auth_methods_supported", List.of("none"));
    out.put("dpop_signing_alg_values_supported", List.of("ES256"));
    return out;
  }
}
