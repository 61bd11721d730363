package dev.vesper.issuer.service;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.issuer.store.TokenStore;
import dev.vesper.server.store.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Key-bound issuance (F1): nonces, then one token per verified proof of possession, each with its own
 * salts, decoys, holder key and random status index, only for entities whose KYC is verified and whose
 * every number has a validated right-to-use. A token never outlives the vetting it relies on. Its
 * {@code iat} and {@code exp} are rounded down to the hour ({@link #roundedDown}).
 */
public final class Issuance {
  private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
  /**
   * How long issuance waits for the log's receipts (a log publishes within 1 s); a token whose receipt
   * comes later is still issued, and its receipt appears on {@code GET /v1/tokens/{id}}.
   */
  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(3);
  /** The granularity of the times in a token: see {@link #roundedDown}. */
  static final long TIME_GRANULARITY_SECONDS = 3600;

  private final IssuerStore store;
  private final TokenStore tokens;
  private final Entities entities;
  private final IssuerKeys keys;
  private final PublishedStatusLists lists;
  private final Supplier<String> issuerUrl;
  private final Clock clock;
  private final Randomness random;
  private final Duration tokenValidity;
  private final Function<String, TokenIssuer> tokenIssuer;
  private final LogShipper log;

  public Issuance(IssuerStore store, TokenStore tokens, Entities entities, IssuerKeys keys, PublishedStatusLists lists, Supplier<String> issuerUrl,
      Clock clock, Randomness random, Duration tokenValidity, List<String> x5c, LogShipper log) {
    this.store = store;
    this.tokens = tokens;
    this.entities = entities;
    this.keys = keys;
    this.lists = lists;
    this.issuerUrl = issuerUrl;
    this.clock = clock;
    this.random = random;
    this.tokenValidity = tokenValidity;
    this.log = log;
    this.tokenIssuer = url -> {
      TokenIssuer t = TokenIssuer.create(keys.signer(), url, clock, random);
      return x5c.isEmpty() ? t : t.withCertificateChain(x5c);
    };
  }

  /** A single-use nonce for proofs of possession, and how long it stays usable. */
  public record Nonce(String nonce, long expiresIn) {}

  /** An issued token (the SD-JWT with all its disclosures) and its issuance receipt, when the log gave one in time (else null). */
  public record Issued(String id, String token, String receipt) {}

  /** A fresh single-use nonce for proofs of possession. */
  public Nonce nonce() throws VesperException {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String nonce = Base64Url.encode(b);
    long now = clock.instant().getEpochSecond();
    store.insertNonce(nonce, now + NONCE_LIFETIME.toSeconds(), now);
    return new Nonce(nonce, NONCE_LIFETIME.toSeconds());
  }

  /** Issues one token per proof. */
  public List<Issued> issue(Caller caller, String entityId, List<String> proofs) throws VesperException {
    return issue(caller, entityId, proofs, null);
  }

  /**
   * Issues one token per proof, spending the OpenID4VCI access token with hash {@code accessTokenHash}
   * (null for none) in the same transaction: a refused batch leaves the access token usable.
   */
  public List<Issued> issue(Caller caller, String entityId, List<String> proofs, String accessTokenHash) throws VesperException {
    Instant now = clock.instant();
    String url = issuerUrl.get();
    Proofs.Batch batch = Proofs.verify(proofs, url, now.getEpochSecond());
    Entities.Eligible eligible = entities.eligible(caller, entityId);
    Map<String, Object> claims = new LinkedHashMap<>(eligible.claims());
    claims.put("kyc", eligible.vetting().kycClaim());
    IdentityAttributes attributes = IdentityAttributes.fromInput(claims);
    long validUntil = roundedDown(Math.min(now.plus(tokenValidity).getEpochSecond(), eligible.vetting().validUntil(entities.kycValidity())));
    if (validUntil <= now.getEpochSecond() + 60) {
      throw new VesperException(ErrorCode.VETTING_KYC_NOT_VERIFIED, "the entity's vetting lapses within the hour; renew it first");
    }
    Instant exp = Instant.ofEpochSecond(validUntil);
    Instant iat = Instant.ofEpochSecond(roundedDown(now.getEpochSecond()));
    TokenIssuer issuer = tokenIssuer.apply(url);
    String tnJson = Json.write(claims.get("tn"));
    String[] texts = new String[batch.holderKeys().size()];
    List<Rows.Token> rows = tokens.insertTokens(accessTokenHash, batch.nonce(), now.getEpochSecond(), texts.length, random::nextInt,
        PublishedStatusLists.FILL_LIMIT, () -> new Rows.StatusList(Ids.newId("sl"), PublishedStatusLists.LIST_SIZE, true, now.getEpochSecond()),
        (position, listId, idx) -> {
          String text = issuer.issue(attributes, batch.holderKeys().get(position), iat, exp, new StatusReference(lists.uri(listId), idx));
          texts[position] = text;
          return Rows.Token.issued(Ids.newId("tok"), entityId, listId, idx, tokenHash(text), batch.holderKeys().get(position).thumbprint(),
              keys.kid(), tnJson, iat.getEpochSecond(), validUntil, eligible.listedJson());
        },
        t -> Events.of(clock.millis(), entityId, t.id(), "token_issued",
            Map.of("issuer_kid", t.issuerKid(), "token_sha256", t.tokenSha256(), "status_list", t.listId(), "expires_at", t.expiresAt())));
    if (log != null) {
      log.nudge();
    }
    List<Issued> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String receipt = log == null ? null : log.receipt(rows.get(i).id(), RECEIPT_WAIT).orElse(null);
      out.add(new Issued(rows.get(i).id(), texts[i], receipt));
    }
    return out;
  }

  /**
   * {@code epochSeconds} rounded down to the hour. Tokens carry their {@code iat} and {@code exp} (and the
   * log their validity) at this granularity, so that the tokens of one batch, and every token issued in
   * the same hour, show verifiers and log readers the same times instead of a per-second fingerprint that
   * would link a holder's rotated tokens (docs/security-and-privacy.md).
   */
  static long roundedDown(long epochSeconds) {
    return epochSeconds - Math.floorMod(epochSeconds, TIME_GRANULARITY_SECONDS);
  }

  /** Hex SHA-256 of the issuer-signed JWT (the token's identity in the registry; nothing of its disclosures). */
  static String tokenHash(String sdJwt) {
    int tilde = sdJwt.indexOf('~');
    String jwt = tilde < 0 ? sdJwt : sdJwt.substring(0, tilde);
    return HexFormat.of().formatHex(Sha256.digest(jwt.getBytes(StandardCharsets.US_ASCII)));
  }
}
