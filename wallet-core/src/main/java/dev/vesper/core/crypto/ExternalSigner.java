package dev.vesper.core.crypto;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * An ES256 {@link Signer} over a JCA private key handle that this process cannot read, such as a
 * PKCS#11 token key: the provider signs (SHA256withECDSA, DER) and the signature is converted to R‖S.
 * The result is checked against the public key once at construction, so a wrong pairing fails early.
 */
public final class ExternalSigner implements Signer {
  private final PrivateKey key;
  private final Provider provider;
  private final PublicJwk publicJwk;

  private ExternalSigner(PrivateKey key, Provider provider, PublicJwk publicJwk) {
    this.key = key;
    this.provider = provider;
    this.publicJwk = publicJwk;
  }

  /** Wraps {@code key} (signing through {@code provider}) whose public half is {@code publicKey}. */
  public static ExternalSigner of(PrivateKey key, Provider provider, PublicKey publicKey, String kid) throws VesperException {
    Objects.requireNonNull(key, "key == null");
    if (!(publicKey instanceof ECPublicKey ec)) {
      throw new VesperException(ErrorCode.KEY_UNSUPPORTED, "the external key is not an EC key");
    }
    PublicJwk jwk = PublicJwk.fromCoordinates(
        Base64Url.encode(PublicJwk.fixed(ec.getW().getAffineX())),
        Base64Url.encode(PublicJwk.fixed(ec.getW().getAffineY())), kid);
    ExternalSigner signer = new ExternalSigner(key, provider, jwk);
    byte[] probe = "vesper key check".getBytes(StandardCharsets.US_ASCII);
    if (!jwk.verify(probe, signer.sign(probe))) {
      throw new VesperException(ErrorCode.KEY_UNSUPPORTED, "the external key does not sign for its public key");
    }
    return signer;
  }

  @Override
  public PublicJwk publicJwk() {
    return publicJwk;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature engine = Signature.getInstance("SHA256withECDSA", provider);
      engine.initSign(key);
      engine.update(data);
      return Es256.derToP1363(engine.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the external key could not sign: " + e.getMessage(), e);
    }
  }
}
