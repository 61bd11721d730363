package dev.vesper.core.log;

import dev.vesper.core.error.VesperException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
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

  /**
   * Reads a signer key in the note-signer text form {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖
   * seed)>} (as golang.org/x/mod/sumdb/note writes it); the key id must match the key.
   */
  public static NoteSigner parseSkey(String skey) throws VesperException {
    String text = skey.strip();
    String prefix = "PRIVATE+KEY+";
    // Names never contain '+', base64 may: split on the first two '+' after the prefix.
    int nameEnd = text.indexOf('+', prefix.length());
    int idEnd = nameEnd < 0 ? -1 : text.indexOf('+', nameEnd + 1);
    if (!text.startsWith(prefix) || nameEnd <= prefix.length() || idEnd < 0) {
      throw NoteKey.bad("a signer key is PRIVATE+KEY+<name>+<key id>+<base64 key>");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(text.substring(idEnd + 1));
    } catch (IllegalArgumentException e) {
      throw NoteKey.bad("the signer key is not base64");
    }
    if (blob.length != 33 || blob[0] != 1) {
      throw NoteKey.bad("the signer key is not an Ed25519 key (0x01 and 32 bytes)");
    }
    NoteSigner signer;
    try {
      signer = fromSeed(text.substring(prefix.length(), nameEnd), Arrays.copyOfRange(blob, 1, 33));
    } catch (IllegalArgumentException e) {
      throw NoteKey.bad(e.getMessage());
    }
    if (!text.equals(signer.skey())) {
      throw NoteKey.bad("the signer key's id does not match its key");
    }
    return signer;
  }

  /** WARNING: the private key in the {@link #parseSkey} form, for the log's key file only. */
  public String skey() {
    byte[] blob = new byte[33];
    blob[0] = 1;
    System.arraycopy(key.getEncoded(), 0, blob, 1, 32);
    return "PRIVATE+KEY+" + name + "+" + String.format("%08x", verifier.keyId()) + "+" + Base64.getEncoder().encodeToString(blob);
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
