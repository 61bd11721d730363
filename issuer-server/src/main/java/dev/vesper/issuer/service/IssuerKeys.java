package dev.vesper.issuer.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The issuer's signing key and the keys it publishes. The configured key becomes the active one at
 * start (a new key retires the previous one); a retired key stays published until the last token it
 * signed expires, so rotation never strands a live token. The key always carries a {@code kid} (its
 * RFC 7638 thumbprint when the key file names none).
 */
public final class IssuerKeys {
  private final Signer signer;
  private final IssuerStore store;
  private final Clock clock;
  private final Supplier<String> issuerUrl;

  public IssuerKeys(Signer configured, IssuerStore store, Clock clock, Supplier<String> issuerUrl) throws VesperException {
    PublicJwk pub = configured.publicJwk();
    PublicJwk withKid = pub.kid().isPresent() ? pub : pub.withKid(pub.thumbprint());
    this.signer = new Signer() {
      @Override
      public PublicJwk publicJwk() {
        return withKid;
      }

      @Override
      public byte[] sign(byte[] data) {
        return configured.sign(data);
      }
    };
    this.store = store;
    this.clock = clock;
    this.issuerUrl = issuerUrl;
    store.activateKey(new Rows.IssuerKey(withKid.kid().orElseThrow(), Json.write(withKid.toJson()), clock.instant().getEpochSecond(), null));
  }

  /** The active signing key. */
  public Signer signer() {
    return signer;
  }

  public String kid() {
    return signer.publicJwk().kid().orElseThrow();
  }

  /** The published JWK set. */
  public Map<String, Object> jwks() throws VesperException {
    List<Object> keys = new ArrayList<>();
    for (Rows.IssuerKey k : store.publishedKeys(clock.instant().getEpochSecond())) {
      keys.add(Json.parseObject(k.publicJwk()));
    }
    return Map.of("keys", keys);
  }

  /** SD-JWT VC issuer metadata: {@code issuer} and {@code jwks} inline. */
  public Map<String, Object> metadata() throws VesperException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", issuerUrl.get());
    out.put("jwks", jwks());
    return out;
  }
}
