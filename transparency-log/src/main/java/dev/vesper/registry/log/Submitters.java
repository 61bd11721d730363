package dev.vesper.registry.log;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.EntryBody;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.NumberRightToUse;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatusChanged;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may append what ({@link #authorize}). Registrars (the operator's configured keys) may append
 * anything, including issuer-key entries; an issuer key registered or rotated in by a registrar may then
 * append entries of the issuer it was registered for, until a registrar revokes it or rotates the issuer
 * to another key. The set is rebuilt from the log at start, so
 * the log itself is the record of who may write to it. Thread-safe.
 */
public final class Submitters {
  private final Map<Hash32, PublicJwk> registrars = new ConcurrentHashMap<>();
  /** Issuer keys by key id, with the issuer they belong to. */
  private final Map<Hash32, Registered> issuers = new ConcurrentHashMap<>();

  private record Registered(String issuer, PublicJwk key) {}

  private Submitters(List<PublicJwk> registrarKeys) {
    registrarKeys.forEach(k -> registrars.put(Submission.keyIdOf(k), k));
  }

  /** The registrars plus every issuer key that registrar-signed entries in {@code log} left in force. */
  public static Submitters load(TransparencyLog log, List<PublicJwk> registrarKeys) throws VesperException {
    Submitters s = new Submitters(registrarKeys);
    // In log order across issuers: a key registered for one issuer and later for another speaks for the later.
    for (TransparencyLog.LoggedEntry e : log.about(log.subjects("issuer:")).entries()) {
      Submission submission = e.entry().submission();
      if (submission.body() instanceof IssuerKeyEvent event && s.isRegistrar(submission.submitterKeyId())) {
        s.apply(event);
      }
    }
    return s;
  }

  /**
   * Refuses {@code submission}, whose signature by {@link #key} is verified, when its key may not make
   * it: a registrar may log anything; an issuer key speaks only for the issuer it was registered for —
   * its TOKEN_ISSUED entries name that issuer, its right-to-use entries name it as the authority, and it
   * changes the status only of tokens that issuer logged. Issuer-key entries are the registrars' alone.
   *
   * @throws VesperException {@link ErrorCode#AUTH_FORBIDDEN} for an unknown key or an issuer-key entry by
   *     an issuer, {@link ErrorCode#LOG_ISSUER_MISMATCH} for an entry about another issuer
   */
  public void authorize(Submission submission, TransparencyLog log) throws VesperException {
    Hash32 keyId = submission.submitterKeyId();
    if (isRegistrar(keyId)) {
      return;
    }
    Registered registered = issuers.get(keyId);
    if (registered == null) {
      throw new VesperException(ErrorCode.AUTH_FORBIDDEN, "the submitter key " + keyId.hex() + " is not registered");
    }
    EntryBody body = submission.body();
    String issuer = registered.issuer();
    if (body instanceof IssuerKeyEvent) {
      throw new VesperException(ErrorCode.AUTH_FORBIDDEN, "only a registrar key may log issuer-key entries");
    } else if (body instanceof TokenIssued t && !t.issuer().equals(issuer)) {
      throw mismatch("a TOKEN_ISSUED entry names issuer " + t.issuer());
    } else if (body instanceof NumberRightToUse r && !r.authority().equals(issuer)) {
      throw mismatch("a right-to-use entry names authority " + r.authority());
    } else if (body instanceof TokenStatusChanged c && !issuersOf(log, c.tokenHash()).contains(issuer)) {
      throw mismatch("a status change of a token the issuer did not log");
    }
  }

  /** The issuers whose TOKEN_ISSUED entries for {@code tokenHash} are logged. */
  private static Set<String> issuersOf(TransparencyLog log, Hash32 tokenHash) throws VesperException {
    Set<String> out = new HashSet<>();
    for (TransparencyLog.LoggedEntry e : log.about(Subjects.token(tokenHash)).entries()) {
      if (e.entry().submission().body() instanceof TokenIssued t) {
        out.add(t.issuer());
      }
    }
    return out;
  }

  private static VesperException mismatch(String what) {
    return new VesperException(ErrorCode.LOG_ISSUER_MISMATCH, what + ": an issuer key logs only for the issuer it is registered for");
  }

  public boolean isRegistrar(Hash32 keyId) {
    return registrars.containsKey(keyId);
  }

  /** The key allowed to sign as {@code keyId}, if any. */
  public Optional<PublicJwk> key(Hash32 keyId) {
    PublicJwk registrar = registrars.get(keyId);
    if (registrar != null) {
      return Optional.of(registrar);
    }
    return Optional.ofNullable(issuers.get(keyId)).map(Registered::key);
  }

  /** Applies a logged, registrar-signed issuer-key entry. */
  public synchronized void apply(IssuerKeyEvent event) {
    Hash32 id = Submission.keyIdOf(event.key());
    switch (event.type()) {
      case ISSUER_KEY_REGISTERED -> issuers.put(id, new Registered(event.issuer(), event.key()));
      case ISSUER_KEY_ROTATED -> {
        issuers.values().removeIf(r -> r.issuer().equals(event.issuer()));
        issuers.put(id, new Registered(event.issuer(), event.key()));
      }
      default -> issuers.remove(id);
    }
  }
}
