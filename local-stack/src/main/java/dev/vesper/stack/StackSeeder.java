package dev.vesper.stack;

import dev.vesper.core.crypto.SigningKey;
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

  LocalStack.Persona enterprise() throws IOException, InterruptedException, dev.vesper.core.error.VesperException {
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
    return seed("Acme Widgets (demo enterprise)", "organization", attributes, "substantial", policy);
  }

  LocalStack.Persona consumer() throws IOException, InterruptedException, dev.vesper.core.error.VesperException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", "Jane Roe (demo)");
    attributes.put("tn", List.of("+1 303 555 0142"));
    return seed("Jane Roe (demo consumer)", "individual", attributes, "basic", Map.of("default", List.of("name", "tn")));
  }

  @SuppressWarnings("unchecked")
  private LocalStack.Persona seed(String label, String entityType, Map<String, Object> attributes, String level, Map<String, Object> policy)
      throws IOException, InterruptedException, dev.vesper.core.error.VesperException {
    progress.println("  seeding " + label);
    Map<String, Object> entity = StackClient.call("POST", issuer + "/v1/entities", null, Map.of("entity_type", entityType, "attributes", attributes));
    String entityId = (String) entity.get("id");
    String entityKey = (String) entity.get("api_key");
    Map<String, Object> verified = new LinkedHashMap<>(attributes);
    verified.remove("tn");
    verified.put("entity_type", entityType);
    StackClient.call("POST", issuer + "/v1/entities/" + entityId + "/kyc", entityKey, Map.of("attestation", attestation(entityId, verified, level)));
    StackClient.call("POST", issuer + "/v1/entities/" + entityId + "/numbers", entityKey, Map.of("authority_token", authorityToken(entityId, attributes)));
    progress.println("    vetted at the issuer: KYC (" + level + ") and right-to-use of every number");

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
    progress.println("    token issued to a holder key that never left the holder service"
        + (issued.get("receipt") != null ? ", logged in the registry (receipt kept)" : "") + "; disclosure policy set");
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
      } catch (dev.vesper.core.error.VesperException bad) {
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
