package dev.vesper.server.http;

import io.javalin.http.Context;

/**
 * Sends a body under a media type exactly as named. The servlet container otherwise appends
 * {@code ;charset=utf-8} to every type, and some types are defined without parameters: a status list
 * is {@code application/statuslist+jwt} (draft-ietf-oauth-status-list §8.1), a certificate chain
 * {@code application/pem-certificate-chain} (RFC 8555 §9.1).
 */
public final class ExactBody {
  private ExactBody() {}

  public static void send(Context ctx, String mediaType, byte[] body) {
    ctx.res().setCharacterEncoding(null);
    ctx.contentType(mediaType).result(body);
  }
}
