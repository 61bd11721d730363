package dev.vesper.core.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs C2SP notes with an Ed25519 key under a name (for a log: its origin). Thread-safe. */
public final class NoteSigner {
  private final String name;
  private final Ed25519PrivateKeyParameters key;
  private final NoteKey verifier;

  private NoteSigner(String name, Ed25519PrivateKeyParameters key) {
    if (!NoteKey.validName(name)) {
      throw new IllegalArgumentException("a note key name is non-empty, without spaces or '+'");
    }
    this.name = name;
    this.key = key;
    this.verifier = new NoteKey(name, key.generatePublicKey().getEncoded());
  }

  public static NoteSigner generate(String name, SecureRandom random) {
    return new NoteSigner(name, new Ed25519PrivateKeyParameters(Objects.requireNonNull(random, "random == null")));
  }

  /** A signer from a 32-byte Ed25519 seed (the private key file's content). */
  public static NoteSigner fromSeed(String name, byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    return new NoteSigner(name, new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** WARNING: the private seed, for the log's key file only. */
  public byte[] seed() {
    return key.getEncoded();
  }

  public NoteKey verifierKey() {
    return verifier;
  }

  /** {@code text} (ending in a newline) followed by a blank line and this key's signature line. */
  public String sign(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text ends with a newline");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    byte[] sig = signer.generateSignature();
    byte[] blob = ByteBuffer.allocate(4 + sig.length).putInt(verifier.keyId()).put(sig).array();
    return text + "\n" + SignedNote.DASH + " " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }
}
