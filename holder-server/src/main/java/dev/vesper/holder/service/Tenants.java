package dev.vesper.holder.service;

import dev.vesper.core.crypto.CleartextKeys;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import dev.vesper.server.store.Kek;
import dev.vesper.server.store.Pkcs11SigningKeys;
import dev.vesper.server.store.SealedBox;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants, their API keys, their data keys and their holder keys. Private keys are generated here,
 * sealed with the tenant's data key, and never leave the service.
 */
public final class Tenants {
  static final String KEYS_TABLE = "holder_keys";

  /** The stored reference of a holder key kept in a PKCS#11 token instead of sealed key material. */
  static final String PKCS11_REFERENCE = "pkcs11:";

  private final HolderStore store;
  private final Kek kek;
  private final Clock clock;
  private final Pkcs11SigningKeys hsmKeys;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, SealedBox> boxes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Caller> callers = new ConcurrentHashMap<>();

  /** {@code hsmKeys} null: holder keys are generated in software and sealed at rest. */
  public Tenants(HolderStore store, Kek kek, Clock clock, Pkcs11SigningKeys hsmKeys) {
    this.store = store;
    this.kek = kek;
    this.clock = clock;
    this.hsmKeys = hsmKeys;
  }

  /** A tenant just created, with its API key: the one time the key is shown. */
  public record NewTenant(String tenantId, String name, String apiKey) {}

  /** A holder key of a tenant: its id (the JWK thumbprint) and its public part, without a {@code kid}. */
  public record HolderKeyView(String kid, PublicJwk jwk) {}

  /** Creates a tenant; the API key in the result is shown this once. */
  public NewTenant create(String name) throws VesperException {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "name must have 1 to 200 characters");
    }
    String id = Ids.newId("ten");
    String apiKey = Ids.newApiKey();
    SealedBox.Wrapped dek = SealedBox.create(id, kek);
    store.insertTenant(new Rows.Tenant(id, name, dek.wrapped(), dek.kekId(), clock.millis()), Ids.hashApiKey(apiKey));
    boxes.put(id, dek.box());
    return new NewTenant(id, name, apiKey);
  }

  /** The tenant whose API key this is; {@link ErrorCode#AUTH_UNAUTHENTICATED} otherwise. */
  public Caller authenticate(String apiKey) throws VesperException {
    if (apiKey == null || !apiKey.startsWith("vsk_") || apiKey.length() > 100) {
      throw new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "a tenant API key is required (Authorization: Bearer vsk_...)");
    }
    String hash = Ids.hashApiKey(apiKey);
    Caller known = callers.get(hash);
    if (known != null) {
      return known;
    }
    Rows.Tenant t = store.tenantByKeyHash(hash)
        .orElseThrow(() -> new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "unknown API key"));
    Caller caller = new Caller(t.id());
    if (callers.size() > 10_000) {
      callers.clear();
    }
    callers.put(hash, caller);
    return caller;
  }

  /** The tenant's data key, unwrapped once and kept in memory. */
  SealedBox box(String tenantId) throws VesperException {
    SealedBox box = boxes.get(tenantId);
    if (box != null) {
      return box;
    }
    Rows.Tenant t = store.tenant(tenantId).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such tenant"));
    box = SealedBox.open(t.id(), t.dekWrapped(), kek);
    boxes.put(tenantId, box);
    return box;
  }

  public boolean exists(String tenantId) throws VesperException {
    return store.tenant(tenantId).isPresent();
  }

  /** Generates a holder key for the caller; returns its public part. */
  public HolderKeyView createKey(Caller caller) throws VesperException {
    PublicJwk publicJwk;
    String privatePart;
    if (hsmKeys != null) {
      String label = Ids.newId("hk");
      publicJwk = hsmKeys.generate(label).publicJwk();
      privatePart = PKCS11_REFERENCE + label;
    } else {
      SigningKey key = SigningKey.generate(random, null);
      publicJwk = key.publicJwk();
      privatePart = box(caller.tenantId()).seal(KEYS_TABLE, publicJwk.thumbprint(), Json.write(CleartextKeys.toPrivateJwk(key)));
    }
    String kid = publicJwk.thumbprint();
    PublicJwk jwk = publicJwk.withoutKid();
    store.insertKey(new Rows.HolderKey(kid, caller.tenantId(), Json.write(jwk.toJson()), privatePart, clock.millis()));
    return new HolderKeyView(kid, jwk);
  }

  public List<HolderKeyView> keys(Caller caller) throws VesperException {
    List<HolderKeyView> out = new ArrayList<>();
    for (Rows.HolderKey k : store.keysOf(caller.tenantId())) {
      out.add(new HolderKeyView(k.id(), PublicJwk.parse(k.publicJwk())));
    }
    return out;
  }

  /**
   * A proof of possession of the caller's key {@code kid} for an issuer (OpenID4VCI {@code jwt} proof:
   * header {@code typ openid4vci-proof+jwt}, {@code alg ES256}, {@code jwk}; claims {@code aud},
   * {@code nonce}, {@code iat}), so that tokens are issued to a key that never leaves the holder service.
   */
  public String proof(Caller caller, String kid, String audience, String nonce) throws VesperException {
    if (audience.length() > 512 || nonce.length() > 256) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "aud and nonce must be at most 512 and 256 characters");
    }
    Rows.HolderKey row = store.key(caller.tenantId(), kid)
        .orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such holder key"));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("typ", "openid4vci-proof+jwt");
    header.put("jwk", Json.parseObject(row.publicJwk()));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", audience);
    claims.put("nonce", nonce);
    claims.put("iat", clock.instant().getEpochSecond());
    return CompactJws.sign(header, claims, signer(row));
  }

  /**
   * A DPoP proof (RFC 9449 §4.2) by the caller's key {@code kid} for a {@code method} request to
   * {@code uri}: header {@code typ dpop+jwt}, {@code alg ES256}, {@code jwk}; claims {@code jti},
   * {@code htm}, {@code htu}, {@code iat}, and {@code ath} (the access token's hash) when {@code accessToken}
   * is not null.
   */
  String dpopProof(Caller caller, String kid, String method, URI uri, String accessToken) throws VesperException {
    Rows.HolderKey row = store.key(caller.tenantId(), kid)
        .orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such holder key"));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "dpop+jwt");
    header.put("alg", "ES256");
    header.put("jwk", Json.parseObject(row.publicJwk()));
    Map<String, Object> claims = new LinkedHashMap<>();
    byte[] jti = new byte[16];
    random.nextBytes(jti);
    claims.put("jti", Base64Url.encode(jti));
    claims.put("htm", method);
    claims.put("htu", uri.toString());
    claims.put("iat", clock.instant().getEpochSecond());
    if (accessToken != null) {
      claims.put("ath", Sha256.base64UrlOfAscii(accessToken));
    }
    return CompactJws.sign(header, claims, signer(row));
  }

  /** The signer of a holder key row: unsealed software key, or the token key it references. */
  Signer signer(Rows.HolderKey row) throws VesperException {
    if (row.privateSealed().startsWith(PKCS11_REFERENCE)) {
      if (hsmKeys == null) {
        throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "this holder key lives in a PKCS#11 token that is not configured");
      }
      return hsmKeys.signer(row.privateSealed().substring(PKCS11_REFERENCE.length()));
    }
    return SigningKey.parse(box(row.tenantId()).openText(KEYS_TABLE, row.id(), row.privateSealed()));
  }

  /** Re-wraps every tenant's data key under {@code to}; returns how many. Idempotent. */
  public int rewrapAll(Kek from, Kek to) throws VesperException {
    int n = 0;
    for (Rows.Tenant t : store.tenants()) {
      if (t.kekId().equals(to.id())) {
        continue;
      }
      store.rewrapTenantKey(t.id(), SealedBox.rewrap(t.id(), t.dekWrapped(), from, to), to.id());
      n++;
    }
    return n;
  }
}
