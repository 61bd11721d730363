package dev.vesper.stack;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TnAuthList;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds the local stack through the real flows, over HTTP, exactly as an operator, an entity and a
 * wallet would: register at the issuer, vet with evidence from the demo KYC provider and the demo
 * numbering authority, create a holder tenant and key, have the holder sign a proof of possession,
 * issue, import the token with its log receipt, set the disclosure policy.
 */
final class StackSeeder {
  static final String DEMO_KYC_ISS = "https://kyc.demo.vesper.local";
  static final String DEMO_AUTHORITY_ISS = "https://numbering-authority.demo.vesper.local";

  private final String issuer;
  private final String holder;
  private final StackKeys keys;
  private final PrintStream progress;

  StackSeeder(String issuerUrl, String holderUrl, StackKeys keys, PrintStream progress) {
    this.issuer = issuerUrl;
    this.holder = holderUrl;
    this.keys = keys;
    this.progress = progress;
  }

  LocalStack.Persona enterprise() throws IOException, InterruptedException, VesperException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", "Acme Widgets Inc. (demo)");
    attributes.put("address", Map.of("street_address", "1 Main St", "locality", "Washington", "region", "DC", "country", "US"));
    attributes.put("business_category", "retail");
    attributes.put("business_ids", Map.of("ein", "12-3456789"));
    attributes.put("tn", List.of("+1 202 555 0100", "+1 202 555 0101", Map.of("start", "12025550200", "count", 100L)));
    Map<String, Object> policy = Map.of(
        "default", List.of("name", "tn"),
        "audiences", List.of(
            Map.of("match", "https://screening.demo.vesper.local", "claims", List.of("name", "entity_type", "address.locality", "kyc.level", "tn")),
            Map.of("match", "tel:+1303*", "claims", List.of("name", "business_category", "tn"))));
    return seed("Acme Widgets (demo enterprise)", "organization", attributes, "substantial", policy, 9);
  }

  /** A contact centre with its own vetted token (its verified name goes with every call it makes for a client). */
  LocalStack.Persona contactCentre() throws IOException, InterruptedException, VesperException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", "Dial Partners (demo contact centre)");
    attributes.put("business_category", "contact_centre");
    attributes.put("tn", List.of("+1 415 555 0100"));
    return seed("Dial Partners (demo contact centre)", "organization", attributes, "substantial", Map.of("default", List.of("name", "tn")), 4);
  }

  /**
   * The client's grant to the contact centre: present the client's name for calls from {@code number},
   * until an hour before the client's first token lapses. Returns {@code {"id", "client", "numbers", "expires_at"}}.
   */
  Map<String, Object> grant(LocalStack.Persona client, String clientName, LocalStack.Persona agent, String number)
      throws IOException, InterruptedException {
    long tokenEnds = ((Number) StackClient.call("GET", holder + "/v1/tokens/" + client.tokenId(), client.apiKey(), null).get("expires_at")).longValue();
    long expiresAt = tokenEnds - 3600;
    Map<String, Object> grant = StackClient.call("POST", holder + "/v1/grants", client.apiKey(), Map.of("grantee_tenant", agent.tenantId(),
        "token_id", client.tokenId(), "numbers", List.of(number), "claims", List.of("name", "tn"), "expires_at", expiresAt));
    progress.println("    " + clientName + " granted the contact centre its name for calls from " + number);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", grant.get("id"));
    out.put("client", clientName);
    out.put("numbers", grant.get("numbers"));
    out.put("expires_at", expiresAt);
    return out;
  }

  LocalStack.Persona consumer() throws IOException, InterruptedException, VesperException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", "Jane Roe (demo)");
    attributes.put("tn", List.of("+1 303 555 0142"));
    return seed("Jane Roe (demo consumer)", "individual", attributes, "basic", Map.of("default", List.of("name", "tn")), 4);
  }

  @SuppressWarnings("unchecked")
  /**
   * Registers and vets the entity, issues one token directly (with its log receipt) and {@code pooled} more
   * by redeeming a credential offer: they share one pool, whose refill grant lets the holder keep it
   * stocked from then on.
   */
  private LocalStack.Persona seed(String label, String entityType, Map<String, Object> attributes, String level, Map<String, Object> policy,
      int pooled) throws IOException, InterruptedException, VesperException {
    Map<String, Object> entity = StackClient.call("POST", issuer + "/v1/entities", null, Map.of("entity_type", entityType, "attributes", attributes));
    String entityId = (String) entity.get("id");
    String entityKey = (String) entity.get("api_key");
    Map<String, Object> verified = new LinkedHashMap<>(attributes);
    verified.remove("tn");
    verified.put("entity_type", entityType);
    StackClient.call("POST", issuer + "/v1/entities/" + entityId + "/kyc", entityKey, Map.of("attestation", attestation(entityId, verified, level)));
    StackClient.call("POST", issuer + "/v1/entities/" + entityId + "/numbers", entityKey, Map.of("authority_token", authorityToken(entityId, attributes)));
    progress.println("  seeding " + label + ": vetted at the issuer, KYC (" + level + ") and right-to-use of every number");

    Map<String, Object> tenant = StackClient.call("POST", holder + "/v1/tenants", keys.adminKey(), Map.of("name", label));
    String tenantKey = (String) tenant.get("api_key");
    String kid = (String) StackClient.call("POST", holder + "/v1/keys", tenantKey, Map.of()).get("kid");
    String nonce = (String) StackClient.call("GET", issuer + "/v1/nonce", entityKey, null).get("nonce");
    String proof = (String) StackClient.call("POST", holder + "/v1/keys/" + kid + "/proofs", tenantKey, Map.of("aud", issuer, "nonce", nonce)).get("proof");
    Map<String, Object> issued = ((List<Map<String, Object>>) StackClient.call("POST", issuer + "/v1/entities/" + entityId + "/tokens", entityKey,
        Map.of("proofs", List.of(proof))).get("tokens")).get(0);
    Map<String, Object> imported = new LinkedHashMap<>();
    imported.put("token", issued.get("token"));
    if (issued.get("receipt") != null) {
      imported.put("receipt", issued.get("receipt"));
    }
    String tokenId = (String) StackClient.call("POST", holder + "/v1/tokens", tenantKey, imported).get("id");
    StackClient.call("PUT", holder + "/v1/tokens/" + tokenId + "/policy", tenantKey, policy);
    String first = "    a token issued to a holder key that never left the holder service"
        + (issued.get("receipt") != null ? ", logged in the registry (receipt kept)" : "");
    Map<String, Object> offer = StackClient.call("POST", issuer + "/v1/entities/" + entityId + "/credential-offers", entityKey, Map.of());
    Map<String, Object> redeemed = StackClient.call("POST", holder + "/v1/credential-offers", tenantKey, Map.of("offer", offer.get("offer"),
        "count", pooled));
    progress.println(first + "; " + ((List<?>) redeemed.get("tokens")).size() + " more by credential offer into the same pool"
        + (Boolean.TRUE.equals(redeemed.get("refill")) ? ", which the holder refills by itself" : ""));
    List<String> numbers = new ArrayList<>();
    for (Object n : (List<Object>) attributes.get("tn")) {
      numbers.add(NumberEntry.fromInput(n).toString());
    }
    return new LocalStack.Persona(tenantKey, (String) tenant.get("tenant_id"), numbers, tokenId, entityId, entityKey);
  }

  private String attestation(String entityId, Map<String, Object> verified, String level) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", DEMO_KYC_ISS);
    claims.put("sub", entityId);
    claims.put("iat", now);
    claims.put("exp", now + 3600);
    claims.put("verified_claims", verified);
    claims.put("level", level);
    claims.put("method", "demo_document_check");
    return sign(Map.of("alg", "ES256", "typ", "kyc-attestation+jwt", "kid", kid(keys.demoKycProvider())), claims, keys.demoKycProvider());
  }

  @SuppressWarnings("unchecked")
  private String authorityToken(String entityId, Map<String, Object> attributes) {
    List<TnAuthList.Entry> entries = new ArrayList<>();
    for (Object n : (List<Object>) attributes.get("tn")) {
      try {
        NumberEntry e = NumberEntry.fromInput(n);
        entries.add(e.isRange() ? new TnAuthList.Range(e.range().start().digits(), e.range().count()) : new TnAuthList.One(e.single().digits()));
      } catch (VesperException bad) {
        throw new IllegalStateException("a demo number is invalid", bad);
      }
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", DEMO_AUTHORITY_ISS);
    claims.put("sub", entityId);
    claims.put("exp", Instant.now().getEpochSecond() + 3600);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("atc", Map.of("tktype", "TNAuthList", "tkvalue", Base64.getEncoder().encodeToString(new TnAuthList(entries).encode()), "ca", false));
    return sign(Map.of("alg", "ES256", "kid", kid(keys.demoNumberingAuthority())), claims, keys.demoNumberingAuthority());
  }

  private static String sign(Map<String, Object> header, Map<String, Object> claims, SigningKey key) {
    return CompactJws.sign(header, claims, key);
  }

  private static String kid(SigningKey key) {
    return key.publicJwk().kid().orElseThrow();
  }
}
