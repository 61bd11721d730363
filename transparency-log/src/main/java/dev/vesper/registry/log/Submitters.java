package dev.vesper.registry.log;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.Submission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may append. Registrars (the operator's configured keys) may append anything, including issuer-key
 * entries; an issuer key registered or rotated in by a registrar may then append its own entries, until a
 * registrar revokes it or rotates the issuer to another key. The set is rebuilt from the log at start, so
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
    for (String subject : log.subjects("issuer:")) {
      for (TransparencyLog.LoggedEntry e : log.about(subject).entries()) {
        Submission submission = e.entry().submission();
        if (submission.body() instanceof IssuerKeyEvent event && s.isRegistrar(submission.submitterKeyId())) {
          s.apply(event);
        }
      }
    }
    return s;
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
