package dev.vesper.core.oid4vc;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A credential offer (OpenID4VCI 1.0 §4.1) with the pre-authorized code grant, the only grant a wallet
 * service without a user agent can redeem. Immutable.
 *
 * @param credentialIssuer the Credential Issuer Identifier
 * @param configurationIds the offered credential configuration ids
 * @param preAuthorizedCode the pre-authorized code
 * @param txCodeRequired whether the token request needs a transaction code ({@code tx_code} present, even empty)
 */
public record CredentialOffer(String credentialIssuer, List<String> configurationIds, String preAuthorizedCode, boolean txCodeRequired) {
  public static final String PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

  public CredentialOffer {
    configurationIds = List.copyOf(configurationIds);
  }

  /**
   * The offer a link carries: its {@code credential_offer} (by value), or the {@code credential_offer_uri}
   * to fetch it from (returned as the second element; the offer is then empty).
   *
   * @throws VesperException {@link ErrorCode#OID4VC_BAD_OFFER} for a link that is neither
   */
  public static Map.Entry<Optional<CredentialOffer>, Optional<URI>> fromLink(String link) throws VesperException {
    Map<String, String> p = Links.parameters(link, ErrorCode.OID4VC_BAD_OFFER);
    String byValue = p.get("credential_offer");
    String byReference = p.get("credential_offer_uri");
    if ((byValue == null) == (byReference == null)) {
      throw bad("an offer link carries exactly one of credential_offer and credential_offer_uri");
    }
    if (byValue != null) {
      return Map.entry(Optional.of(parse(byValue.getBytes(StandardCharsets.UTF_8))), Optional.empty());
    }
    try {
      return Map.entry(Optional.empty(), Optional.of(URI.create(byReference)));
    } catch (IllegalArgumentException e) {
      throw bad("credential_offer_uri is not a URI");
    }
  }

  /** Parses the offer JSON. */
  public static CredentialOffer parse(byte[] json) throws VesperException {
    Map<String, Object> o;
    try {
      o = Json.parseObject(json);
    } catch (VesperException e) {
      throw bad("the credential offer is not a JSON object: " + e.getMessage());
    }
    if (!(o.get("credential_issuer") instanceof String issuer) || !issuer.startsWith("http")) {
      throw bad("credential_issuer must be the issuer's URL");
    }
    if (!(o.get("credential_configuration_ids") instanceof List<?> ids) || ids.isEmpty() || ids.size() > 32) {
      throw bad("credential_configuration_ids must be a non-empty array");
    }
    List<String> configurationIds = new ArrayList<>();
    for (Object id : ids) {
      if (!(id instanceof String s) || s.isEmpty()) {
        throw bad("credential_configuration_ids holds strings");
      }
      configurationIds.add(s);
    }
    if (!(o.get("grants") instanceof Map<?, ?> grants) || !(grants.get(PRE_AUTHORIZED_GRANT) instanceof Map<?, ?> grant)) {
      throw bad("this wallet redeems offers with the pre-authorized code grant only");
    }
    if (!(grant.get("pre-authorized_code") instanceof String code) || code.isEmpty()) {
      throw bad("the pre-authorized code grant needs pre-authorized_code");
    }
    Object tx = grant.get("tx_code");
    if (tx != null && !(tx instanceof Map)) {
      throw bad("tx_code must be an object");
    }
    return new CredentialOffer(issuer, configurationIds, code, tx != null);
  }

  static VesperException bad(String message) {
    return new VesperException(ErrorCode.OID4VC_BAD_OFFER, message);
  }
}
