package dev.vesper.registry.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.registry.log.Subjects;
import dev.vesper.registry.log.TransparencyLog;
import dev.vesper.server.http.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public registry queries (TA1): a token's issuance and status history, the issuers and their keys,
 * and the history of publicly listed numbers. Every answer lists entries with inclusion proofs against
 * the checkpoint it includes, so a client can check it offline.
 */
public final class RegistryRoutes {
  private final TransparencyLog log;

  public RegistryRoutes(TransparencyLog log) {
    this.log = log;
  }

  public void register(RoutesConfig r) {
    r.get("/v1/entries", this::recent, Access.PUBLIC);
    r.get("/v1/tokens/{sha256}", this::token, Access.PUBLIC);
    r.get("/v1/issuers", this::issuers, Access.PUBLIC);
    r.get("/v1/issuers/{id}/keys", this::issuerKeys, Access.PUBLIC);
    r.get("/v1/numbers/{tn}", this::number, Access.PUBLIC);
  }

  private void token(Context ctx) throws VesperException {
    String hex = ctx.pathParam("sha256");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "a token is named by the lower-case hex SHA-256 of its issuer-signed JWT");
    }
    TransparencyLog.History h = found(log.about(Subjects.token(Hash32.ofHex(hex))), "no logged token with that hash");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token_hash", hex);
    out.putAll(EntryJson.history(h));
    json(ctx, out);
  }

  /** The newest entries ({@code ?limit=}, 1 to 100, default 20), each with its inclusion proof. */
  private void recent(Context ctx) throws VesperException {
    String limit = ctx.queryParam("limit");
    int n;
    if (limit == null) {
      n = 20;
    } else if (limit.matches("[1-9][0-9]{0,2}") && Integer.parseInt(limit) <= 100) {
      n = Integer.parseInt(limit);
    } else {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "limit is 1 to 100");
    }
    json(ctx, EntryJson.history(log.recent(n)));
  }

  private void issuers(Context ctx) throws VesperException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String subject : log.subjects(Subjects.issuer(""))) {
      String issuer = subject.substring(Subjects.issuer("").length());
      out.add(Map.of("id", Base64Url.encode(issuer), "issuer", issuer));
    }
    json(ctx, Map.of("issuers", out));
  }

  /** {id} is the base64url of the issuer id, as {@code /v1/issuers} lists it (issuer ids are URLs). */
  private void issuerKeys(Context ctx) throws VesperException {
    String issuer = new String(Base64Url.decode(ctx.pathParam("id"), "issuer id"), StandardCharsets.UTF_8);
    TransparencyLog.History h = log.about(Subjects.issuer(issuer));
    List<TransparencyLog.LoggedEntry> keyEvents = h.entries().stream()
        .filter(e -> e.entry().submission().body() instanceof IssuerKeyEvent).toList();
    if (keyEvents.isEmpty()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no logged keys for that issuer");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issuer", issuer);
    out.put("current", currentKids(keyEvents));
    out.putAll(EntryJson.history(new TransparencyLog.History(keyEvents, h.size(), h.checkpoint())));
    json(ctx, out);
  }

  /** The kids in force after folding the events in log order: rotation replaces, revocation removes. */
  private static List<String> currentKids(List<TransparencyLog.LoggedEntry> events) {
    List<String> current = new ArrayList<>();
    for (TransparencyLog.LoggedEntry e : events) {
      IssuerKeyEvent k = (IssuerKeyEvent) e.entry().submission().body();
      switch (k.type()) {
        case ISSUER_KEY_REGISTERED -> {
          if (!current.contains(k.kid())) {
            current.add(k.kid());
          }
        }
        case ISSUER_KEY_ROTATED -> {
          current.clear();
          current.add(k.kid());
        }
        default -> current.remove(k.kid());
      }
    }
    return current;
  }

  /** History of a number listed publicly, alone or inside a listed range. Pseudonymous numbers are not answered here. */
  private void number(Context ctx) throws VesperException {
    TelephoneNumber tn = TelephoneNumber.parse(ctx.pathParam("tn"));
    List<String> subjects = new ArrayList<>(List.of("listed:" + tn.digits()));
    for (String subject : log.subjects("listed-range:")) {
      String[] parts = subject.substring("listed-range:".length()).split("\\+");
      if (NumberRange.of(parts[0], Long.parseLong(parts[1])).covers(tn)) {
        subjects.add(subject);
      }
    }
    TransparencyLog.History h = found(log.about(subjects), "no publicly listed entries for that number");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("number", tn.digits());
    out.putAll(EntryJson.history(h));
    json(ctx, out);
  }

  private static TransparencyLog.History found(TransparencyLog.History h, String message) throws VesperException {
    if (h.entries().isEmpty()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, message);
    }
    return h;
  }

  private static void json(Context ctx, Map<String, Object> body) {
    ctx.header("Cache-Control", "no-store").contentType("application/json").result(Json.write(body));
  }
}
