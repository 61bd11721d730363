package dev.vesper.server.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where the error vocabulary meets HTTP: each {@link ErrorCode} has exactly one status
 * (an exhaustive switch, so a new code does not compile until it is mapped here), and every error
 * leaves as {@code application/problem+json} (RFC 9457) carrying the stable id. Never a stack trace.
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  /** Set on a request whose problem document is written, so the 404 fallback leaves it alone. */
  static final String WRITTEN = "vesper.problem_written";

  private Problems() {}

  /** The HTTP status of {@code code}. */
  public static int status(ErrorCode code) {
    return switch (code) {
      case PARSE_TOO_LARGE, REQUEST_TOO_LARGE -> 413;
      case PARSE_MALFORMED, PARSE_BAD_BASE64URL, PARSE_BAD_JSON, PARSE_TOO_DEEP, PARSE_TOO_MANY_DISCLOSURES,
          KEY_INVALID_JWK, KEY_UNSUPPORTED, ISSUANCE_UNKNOWN_ATTRIBUTE, ISSUANCE_BAD_ATTRIBUTE, ISSUANCE_EMPTY_TN,
          ISSUANCE_OVERLAPPING_NUMBERS, ISSUANCE_BAD_VALIDITY, PRESENTATION_BAD_PATH, TN_INVALID, TN_RANGE_INVALID,
          TN_AUTH_LIST_MALFORMED, REQUEST_BAD_BODY, HOLDER_BAD_GRANT -> 400;
      case ISSUER_ALG_NOT_ALLOWED, ISSUER_TYP_MISMATCH, ISSUER_HEADER_UNSUPPORTED, ISSUER_UNKNOWN_KEY,
          ISSUER_MISMATCH, ISSUER_SIGNATURE_INVALID, DISCLOSURE_BAD_SD_ALG, DISCLOSURE_MALFORMED, DISCLOSURE_RESERVED_NAME,
          DISCLOSURE_NAME_COLLISION, DISCLOSURE_WRONG_KIND, DISCLOSURE_DUPLICATE, DISCLOSURE_DUPLICATE_DIGEST,
          DISCLOSURE_UNREFERENCED, DISCLOSURE_BAD_EMBEDDING, VALIDITY_MISSING_OR_BAD_CLAIM, VALIDITY_EXPIRED,
          VALIDITY_NOT_YET_VALID, VALIDITY_ISSUED_IN_FUTURE, KB_MISSING, KB_UNEXPECTED, KB_NO_HOLDER_KEY,
          KB_TYP_MISMATCH, KB_ALG_NOT_ALLOWED, KB_HEADER_UNSUPPORTED, KB_SIGNATURE_INVALID, KB_BAD_CLAIM, KB_AUD_MISMATCH,
          KB_NONCE_MISMATCH, KB_IAT_OUT_OF_WINDOW, KB_EXPIRED, KB_NOT_YET_VALID, KB_SD_HASH_MISMATCH, PROFILE_BAD_CLAIM, PROFILE_VCT_MISMATCH,
          POLICY_REQUIRED_CLAIM_MISSING, PRESENTATION_UNKNOWN_PATH, PRESENTATION_NOT_AN_ISSUED_TOKEN,
          HOLDER_KEY_NOT_OWNED, HOLDER_TOKEN_NOT_LIVE, LOG_BAD_PROOF, LOG_ROOT_MISMATCH, LOG_BAD_NOTE,
          LOG_BAD_SIGNATURE, LOG_BAD_ENTRY, LOG_RECEIPT_MISSING, LOG_RECEIPT_MISMATCH, STATUS_REVOKED, STATUS_SUSPENDED,
          STATUS_MISSING, STATUS_LIST_INVALID, STATUS_INDEX_OUT_OF_RANGE, VETTING_ATTESTATION_INVALID,
          VETTING_ATTESTATION_EXPIRED, VETTING_UNTRUSTED_SOURCE, VETTING_ATTRIBUTE_NOT_VETTED,
          VETTING_AUTHORITY_TOKEN_INVALID, VETTING_NUMBER_NOT_COVERED, STIR_IDENTITY_MISSING, STIR_IDENTITY_MALFORMED, STIR_REFERENCE_MISMATCH,
          STIR_CERTIFICATE_REVOKED, STIR_RCD_UNVERIFIED,
          STIR_BAD_IDENTITY_INFO, STIR_UNSUPPORTED_CREDENTIAL, STIR_STALE, STIR_SIGNATURE_INVALID, STIR_ORIG_NOT_AUTHORIZED,
          STIR_NUMBER_MISMATCH, STIR_REPLAYED, DELEGATION_MALFORMED, DELEGATION_SIGNATURE_INVALID, DELEGATION_BINDING_MISMATCH,
          DELEGATION_IAT_OUT_OF_WINDOW, DELEGATION_EXPIRED, DELEGATION_NUMBER_NOT_COVERED, DELEGATION_AGENT_INVALID,
          DELEGATION_AGENT_MISMATCH -> 422;
      case ISSUANCE_PROOF_INVALID, ISSUANCE_NONCE_INVALID -> 400;
      case OID4VC_INVALID_REQUEST, OID4VC_UNSUPPORTED_GRANT_TYPE, OID4VC_INVALID_GRANT, OID4VC_INVALID_DPOP_PROOF,
          OID4VC_INVALID_CREDENTIAL_REQUEST, OID4VC_UNKNOWN_CREDENTIAL_CONFIGURATION, OID4VC_CREDENTIAL_REQUEST_DENIED,
          OID4VC_REQUEST_EXPIRED, OID4VC_STATE_MISMATCH, DCQL_INVALID_QUERY -> 400;
      case OID4VC_INVALID_TOKEN, STIR_CPS_TOKEN_INVALID -> 401;
      case STIR_CPS_FORBIDDEN -> 403;
      case DCQL_NOT_SATISFIED, OID4VC_BAD_OFFER, OID4VC_BAD_AUTHORIZATION_REQUEST, OID4VC_UNTRUSTED_CLIENT,
          OID4VC_FETCH_REFUSED -> 422;
      case OID4VC_PEER_REFUSED, OID4VC_PEER_UNAVAILABLE -> 502;
      case VETTING_AUTHORITY_TOKEN_REPLAYED, ISSUANCE_STATUS_CONFLICT, HOLDER_POOL_EXHAUSTED, HOLDER_TOKEN_SHOWN,
          HOLDER_DUPLICATE_TOKEN, HOLDER_TOKEN_LIMIT -> 409;
      case VETTING_KYC_NOT_VERIFIED -> 403;
      case REQUEST_NOT_FOUND, HOLDER_NO_TOKEN_FOR_NUMBER, HOLDER_NO_MATCHING_CREDENTIAL, HOLDER_NO_AGENT_TOKEN -> 404;
      case REQUEST_UNSUPPORTED_MEDIA_TYPE -> 415;
      case REQUEST_NOT_ACCEPTABLE -> 406;
      case REQUEST_NOT_IMPLEMENTED -> 501;
      case FETCH_REFUSED -> 422;
      case FETCH_FAILED -> 502;
      case REQUEST_TIMEOUT -> 408;
      case REQUEST_RATE_LIMITED -> 429;
      case AUTH_UNAUTHENTICATED -> 401;
      case AUTH_FORBIDDEN, HOLDER_DISCLOSURE_REFUSED, LOG_ISSUER_MISMATCH -> 403;
      case STORAGE_INTEGRITY -> 500;
      case STORAGE_UNAVAILABLE, STATUS_UNAVAILABLE -> 503;
    };
  }

  /**
   * The OAuth 2.0 error code (RFC 6749 §5.2, RFC 6750 §3.1, RFC 9449, OpenID4VCI §6.3 and §8.3.1,
   * OpenID4VP §8.5) under which {@code code} leaves an OAuth-shaped endpoint; the status stays
   * {@link #status}. Codes no protocol names become {@code invalid_request} (4xx) or {@code server_error}.
   */
  public static String oauthError(ErrorCode code) {
    return switch (code) {
      case OID4VC_UNSUPPORTED_GRANT_TYPE -> "unsupported_grant_type";
      case OID4VC_INVALID_GRANT -> "invalid_grant";
      case OID4VC_INVALID_DPOP_PROOF -> "invalid_dpop_proof";
      case OID4VC_INVALID_TOKEN, AUTH_UNAUTHENTICATED -> "invalid_token";
      case OID4VC_INVALID_CREDENTIAL_REQUEST -> "invalid_credential_request";
      case OID4VC_UNKNOWN_CREDENTIAL_CONFIGURATION -> "unknown_credential_configuration";
      case OID4VC_CREDENTIAL_REQUEST_DENIED -> "credential_request_denied";
      case ISSUANCE_PROOF_INVALID -> "invalid_proof";
      case ISSUANCE_NONCE_INVALID -> "invalid_nonce";
      case REQUEST_RATE_LIMITED -> "slow_down";
      default -> status(code) >= 500 ? "server_error" : "invalid_request";
    };
  }

  /**
   * Writes {@code e} as an OAuth error response: {@code {"error", "error_description", "vesper_error"}}
   * (the last our stable id), {@code Cache-Control: no-store}, and on 401 a {@code WWW-Authenticate}
   * challenge naming {@code scheme} (RFC 6750 §3, RFC 9449 §7.1).
   */
  public static void writeOAuth(Context ctx, VesperException e, String scheme) {
    int status = status(e.code());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", oauthError(e.code()));
    body.put("error_description", e.getMessage());
    body.put("vesper_error", e.code().id());
    if (status == 401) {
      ctx.header("WWW-Authenticate", scheme + " error=\"" + body.get("error") + "\"" + (scheme.equals("DPoP") ? ", algs=\"ES256\"" : ""));
    }
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  /** {@code handler} whose failures leave as OAuth error responses ({@link #writeOAuth}) instead of problem documents. */
  public static Handler oauth(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (VesperException e) {
        writeOAuth(ctx, e, "Bearer");
      }
    };
  }

  /** Writes {@code e} as a problem document. */
  public static void write(Context ctx, VesperException e) {
    write(ctx, status(e.code()), e.code().id(), e.getMessage());
  }

  /** Writes a problem document with a stable error id. */
  public static void write(Context ctx, int status, String errorId, String detail) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.status(status).contentType(CONTENT_TYPE).result(document(status, errorId, detail, ctx.attribute(RequestIds.ATTRIBUTE)));
  }

  /** The problem document (RFC 9457) for {@code code}; {@code requestId} may be null. */
  static String document(int status, String errorId, String detail, Object requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://vesper.dev/errors/" + errorId);
    body.put("title", errorId);
    body.put("status", status);
    body.put("detail", detail);
    body.put("error", errorId);
    if (requestId != null) {
      body.put("request_id", requestId);
    }
    return Json.write(body);
  }
}
