package dev.vesper.verifier.oid4vp;

import dev.vesper.core.dcql.DcqlQuery;

/**
 * One presentation request and what became of it. Immutable: a state change is a new value put in
 * {@link Transactions} atomically.
 *
 * @param id the public id (status polling, request and response URIs)
 * @param clientId the full client identifier of the request (the KB-JWT {@code aud})
 * @param nonce the request's {@code nonce} (the KB-JWT {@code nonce})
 * @param state the request's {@code state}, which the response must echo
 * @param query the DCQL query
 * @param createdAt seconds
 * @param expiresAt seconds; a response after this is refused
 * @param status {@code pending}, {@code verified} or {@code failed}
 * @param outcome the verified claims per query, or the failure ({@code error}, {@code message}); null while pending
 * @param request the {@code openid4vp://} URL handed to the wallet
 */
record Transaction(String id, String clientId, String nonce, String state, DcqlQuery query, long createdAt, long expiresAt,
    String status, PresentationRequests.Outcome outcome, String request) {
  static final String PENDING = "pending";
  static final String VERIFIED = "verified";
  static final String FAILED = "failed";

  /** A request just made: pending, no outcome, its {@code openid4vp://} URL still to be set ({@link #withRequest}). */
  static Transaction pending(String id, String clientId, String nonce, String state, DcqlQuery query, long createdAt, long expiresAt) {
    return new Transaction(id, clientId, nonce, state, query, createdAt, expiresAt, PENDING, null, null);
  }

  Transaction finish(String newStatus, PresentationRequests.Outcome newOutcome) {
    return new Transaction(id, clientId, nonce, state, query, createdAt, expiresAt, newStatus, newOutcome, request);
  }

  Transaction withRequest(String url) {
    return new Transaction(id, clientId, nonce, state, query, createdAt, expiresAt, status, outcome, url);
  }
}
