package dev.vesper.issuer.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    store.activateKey(Rows.IssuerKey.activated(withKid.kid().orElseThrow(), Json.write(withKid.toJson()), clock.instant().getEpochSecond()));
  }

  /** The active signing key. */
  public Signer signer() {
    return signer;
  }

  public String kid() {
    return signer.publicJwk().kid().orElseThrow();
  }

  /** The keys of the published JWK set, each with its {@code kid}: the active key and those retired lately. */
  public List<PublicJwk> published() throws VesperException {
    List<PublicJwk> keys = new ArrayList<>();
    for (Rows.IssuerKey k : store.publishedKeys(clock.instant().getEpochSecond())) {
      keys.add(PublicJwk.parse(k.publicJwk()));
    }
    return keys;
  }

  /** The issuer identifier SD-JWT VC metadata names. */
  public String issuer() {
    return issuerUrl.get();
  }
}
