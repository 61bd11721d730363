package dev.vesper.holder.outbound;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every request the wallet makes to issuers and verifiers (offers, metadata, tokens, nonces, credentials,
 * request objects, responses) goes through this one interface, so the rules about where it may go live in
 * one implementation ({@link HttpOutbound}). Implementations refuse with {@link ErrorCode#OID4VC_FETCH_REFUSED}
 * (rules) or {@link ErrorCode#OID4VC_PEER_UNAVAILABLE} (network), never follow redirects, and cap the size
 * of what they read.
 */
public interface Outbound {
  /** An answer of any status; the caller decides what a status means. */
  record Response(int status, String contentType, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return status / 100 == 2;
    }
  }

  Response get(URI uri, String accept) throws VesperException;

  /** A POST of {@code body} as {@code contentType}, with extra {@code headers}. */
  Response post(URI uri, String contentType, byte[] body, Map<String, String> headers) throws VesperException;
}
