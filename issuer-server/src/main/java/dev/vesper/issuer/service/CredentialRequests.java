package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.error.VesperException;
import dev.vesper.issuer.store.OfferStore;
import dev.vesper.issuer.store.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credential endpoint (OpenID4VCI §8): an access token from {@link PreAuthorizedGrant} (Bearer, or
 * DPoP-bound with a fresh proof), {@code credential_configuration_id} (or {@code credential_identifier}
 * when the token came with authorization details), and {@code proofs.jwt}: one VESPER token per proof,
 * up to the advertised batch size. Unknown parameters are ignored. The access token is spent in the
 * transaction that issues, so a refused proof or nonce leaves it usable for a retry.
 */
public final class CredentialRequests {
  private final OfferStore offers;
  private final Issuance issuance;
  private final DpopProofs dpop;
  private final Clock clock;

  public CredentialRequests(OfferStore offers, Issuance issuance, DpopProofs dpop, Clock clock) {
    this.offers = offers;
    this.issuance = issuance;
    this.dpop = dpop;
    this.clock = clock;
  }

  /**
   * Answers a credential request: {@code authorization} the Authorization header, {@code dpopProof} the
   * DPoP header or null, {@code endpoint} this endpoint's URL, {@code body} the parsed JSON object.
   * Returns the credentials issued, one per proof.
   */
  public List<Issuance.Issued> issue(String authorization, String dpopProof, String endpoint, Map<String, Object> body)
      throws VesperException {
    Rows.AccessToken token = authenticate(authorization, dpopProof, endpoint);
    boolean byConfiguration = body.containsKey("credential_configuration_id");
    boolean byIdentifier = body.containsKey("credential_identifier");
    if (byConfiguration == byIdentifier) {
      throw invalid("send exactly one of credential_configuration_id and credential_identifier");
    }
    if (byIdentifier) {
      if (!token.details() || !IssuerMetadata.CONFIGURATION_ID.equals(body.get("credential_identifier"))) {
        throw invalid("credential_identifier must be one the token response listed");
      }
    } else if (token.details()) {
      throw invalid("this token came with authorization_details: name the credential_identifier it listed");
    } else if (!IssuerMetadata.CONFIGURATION_ID.equals(body.get("credential_configuration_id"))) {
      throw new VesperException(ErrorCode.OID4VC_UNKNOWN_CREDENTIAL_CONFIGURATION,
          "this issuer offers only " + IssuerMetadata.CONFIGURATION_ID);
    }
    if (body.containsKey("proof")) {
      throw invalid("OpenID4VCI 1.0 takes proofs: {\"jwt\": [...]}, not proof");
    }
    if (body.containsKey("credential_response_encryption")) {
      throw invalid("this issuer does not encrypt credential responses (its metadata offers no encryption)");
    }
    List<String> proofs = proofs(body.get("proofs"));
    try {
      return issuance.issue(Caller.entity(token.entityId()), token.entityId(), proofs, token.tokenHash());
    } catch (VesperException e) {
      if (e.code().stage() == Stage.VETTING) {
        throw new VesperException(ErrorCode.OID4VC_CREDENTIAL_REQUEST_DENIED, e.code().id() + ": " + e.getMessage());
      }
      throw e;
    }
  }

  private Rows.AccessToken authenticate(String authorization, String dpopProof, String endpoint) throws VesperException {
    if (authorization == null) {
      throw invalidToken("send the access token: Authorization: Bearer <token> (or DPoP <token>)");
    }
    String scheme;
    String value;
    int space = authorization.indexOf(' ');
    if (space < 0) {
      throw invalidToken("the Authorization header is <scheme> <token>");
    }
    scheme = authorization.substring(0, space);
    value = authorization.substring(space + 1).strip();
    if (value.isEmpty() || value.length() > 512) {
      throw invalidToken("the access token is missing");
    }
    Rows.AccessToken token = offers.liveToken(CredentialOffers.hash(value), clock.instant().getEpochSecond())
        .orElseThrow(() -> invalidToken("the access token is unknown, expired or already used"));
    if (token.dpopJkt() == null) {
      if (!scheme.equalsIgnoreCase("Bearer")) {
        throw invalidToken("this is a Bearer token");
      }
      return token;
    }
    if (!scheme.equalsIgnoreCase("DPoP") || dpopProof == null) {
      throw invalidToken("this token is DPoP-bound: send Authorization: DPoP <token> with a DPoP proof");
    }
    if (!token.dpopJkt().equals(dpop.verify(dpopProof, "POST", endpoint, value))) {
      throw invalidToken("the DPoP proof is signed by another key than the token is bound to");
    }
    return token;
  }

  private static List<String> proofs(Object value) throws VesperException {
    if (!(value instanceof Map<?, ?> m) || m.size() != 1 || !(m.get("jwt") instanceof List<?> list)) {
      throw invalid("proofs must be {\"jwt\": [<proof JWT>, ...]} (the only proof type this issuer supports)");
    }
    if (list.isEmpty() || list.size() > IssuerMetadata.BATCH_SIZE) {
      throw invalid("send 1 to " + IssuerMetadata.BATCH_SIZE + " proofs (batch_credential_issuance.batch_size)");
    }
    List<String> out = new ArrayList<>();
    for (Object p : list) {
      if (!(p instanceof String s) || s.isEmpty()) {
        throw invalid("each proof is a compact JWT");
      }
      out.add(s);
    }
    return out;
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.OID4VC_INVALID_CREDENTIAL_REQUEST, message);
  }

  private static VesperException invalidToken(String message) {
    return new VesperException(ErrorCode.OID4VC_INVALID_TOKEN, message);
  }
}
