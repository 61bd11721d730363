package dev.vesper.holder.service;

import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.CpsToken;
import dev.vesper.core.token.CallBinding;
import dev.vesper.holder.StiCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STI-AS's out-of-band delivery (RFC 8816, draft-wendt-stir-vesper-oob): every call it signs is also
 * published to the configured Call Placement Service ({@code POST /passports/{DEST}/{ORIG}} for each
 * called number), with a publish token signed by the STI credential whose TNAuthList covers the calling
 * number, so a terminating STI-VS can retrieve the PASSporTs when the Identity header does not survive the
 * path. The CPS is the operator's configured, trusted URL (https; plain http only on loopback for local
 * stacks). A publish that fails or takes longer than {@link #TIMEOUT} is logged and counted; the signing
 * still succeeds (the in-band header is the primary path). Thread-safe.
 */
public final class CpsPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(CpsPublisher.class);
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private final String base;
  private final String audience;
  private final StiCredential credential;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

  /** {@code base}: the CPS URL, already checked by {@link StiCredential} (https, or http on loopback). */
  public CpsPublisher(String base, StiCredential credential, Clock clock) {
    String host = URI.create(base).getHost();
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.audience = host;
    this.credential = credential;
    this.clock = clock;
  }

  /** Publishes the PASSporTs of {@code identities} (Identity header values) for each called number; true when all were stored. */
  public boolean publish(CallBinding call, List<String> identities) {
    List<String> passports = identities.stream().map(h -> h.substring(0, h.indexOf(';'))).toList();
    Map<String, Object> body = Map.of("passports", passports);
    boolean all = true;
    for (TelephoneNumber dest : call.dest()) {
      String token = CpsToken.sign(CpsToken.Action.PUBLISH, call.orig(), dest, audience, body, credential.key(), credential.x5c(),
          clock.instant(), UUID.randomUUID().toString());
      String url = base + "/passports/" + dest.digits() + "/" + call.orig().digits();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
          LOG.warn("the CPS refused a publish for {} -> {}: HTTP {} {}", call.orig(), dest, r.statusCode(), clip(r.body()));
          all = false;
        }
      } catch (IOException e) {
        LOG.warn("the CPS at {} could not be reached: {}", base, e.toString());
        all = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return all;
  }

  private static String clip(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
  }
}
