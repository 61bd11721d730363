package dev.vesper.server.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * How long a fetched response stays fresh (RFC 9111 §4.2.1, for a private cache): {@code no-store} or
 * {@code no-cache} → the floor; else {@code max-age} minus {@code Age}; else {@code Expires} minus
 * {@code Date} (or now); else the caller's default. Always clamped to {@code [floor, ceiling]}, so a
 * server can neither make a verifier fetch on every call nor pin a document for ever.
 */
public final class HttpFreshness {
  private HttpFreshness() {}

  public static Duration lifetime(Fetched response, Instant now, Duration floor, Duration ceiling, Duration fallback) {
    Duration d = raw(response, now, floor, fallback);
    return d.compareTo(floor) < 0 ? floor : d.compareTo(ceiling) > 0 ? ceiling : d;
  }

  private static Duration raw(Fetched response, Instant now, Duration floor, Duration fallback) {
    String cacheControl = String.join(",", response.headers().getOrDefault("cache-control", List.of())).toLowerCase(Locale.ROOT);
    Long maxAge = null;
    for (String directive : cacheControl.split(",")) {
      String d = directive.strip();
      if (d.equals("no-store") || d.equals("no-cache")) {
        return floor;
      }
      if (d.startsWith("max-age=") && maxAge == null) {
        String v = d.substring(8).replace("\"", "");
        maxAge = v.matches("[0-9]{1,10}") ? Long.parseLong(v) : 0L;
      }
    }
    if (maxAge != null) {
      long age = response.header("age").filter(a -> a.matches("[0-9]{1,10}")).map(Long::parseLong).orElse(0L);
      return Duration.ofSeconds(Math.max(0, maxAge - age));
    }
    Instant expires = date(response.header("expires").orElse(null));
    if (response.header("expires").isPresent()) {
      if (expires == null) {
        return floor; // an invalid Expires means already expired
      }
      Instant date = date(response.header("date").orElse(null));
      Duration d = Duration.between(date != null ? date : now, expires);
      return d.isNegative() ? Duration.ZERO : d;
    }
    return fallback;
  }

  private static Instant date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
