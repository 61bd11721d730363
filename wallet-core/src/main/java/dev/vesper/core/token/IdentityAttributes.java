package dev.vesper.core.token;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The identity attributes of a VESPER token, validated: what an issuer vetted and what a verifier may
 * receive. Built from issuance input ({@link #fromInput}, strict about names and forms, canonicalising
 * telephone numbers) or checked on a verified presentation ({@link #checkPresented}, canonical forms
 * only, nothing required since the holder chooses what to reveal). Immutable.
 */
public final class IdentityAttributes {
  /** Members of {@code address}, each disclosable on its own. */
  public static final Set<String> ADDRESS_PARTS = Set.of("street_address", "locality", "region", "postal_code", "country");

  /** Members of {@code kyc}. */
  public static final Set<String> KYC_PARTS = Set.of("level", "method", "vetted_at");

  /** {@code entity_type} values. */
  public static final Set<String> ENTITY_TYPES = Set.of("individual", "organization");

  /** {@code kyc.level} values, lowest first (eIDAS-style assurance levels). */
  public static final Set<String> KYC_LEVELS = Set.of("basic", "substantial", "high");

  /** {@code kyc.level} values from the weakest to the strongest. */
  public static final List<String> KYC_LEVELS_IN_ORDER = List.of("basic", "substantial", "high");

  /** The most {@code tn} entries one token may carry. */
  public static final int MAX_TN_ENTRIES = 1000;

  private static final int MAX_TEXT = 256;
  private static final Pattern BUSINESS_ID_SCHEME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private final Map<String, Object> claims;

  private IdentityAttributes(Map<String, Object> claims) {
    this.claims = claims;
  }

  /** Validates issuance input; see docs/token-profile.md for every rule. */
  public static IdentityAttributes fromInput(Map<String, Object> input) throws VesperException {
    return new IdentityAttributes(new Rules(AttributeReading.ISSUANCE_INPUT).all(input));
  }

  /**
   * Checks the identity attributes of a verified presentation, throwing
   * {@link ErrorCode#PROFILE_BAD_CLAIM} for anything an honest issuer of this profile cannot have signed.
   */
  public static void checkPresented(Map<String, Object> attributes) throws VesperException {
    try {
      new Rules(AttributeReading.PRESENTED).all(attributes);
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.PROFILE_BAD_CLAIM, "token profile violated: " + e.getMessage());
    }
  }

  /** The canonical claims, in profile order; a fresh mutable copy. */
  public Map<String, Object> claims() {
    return new LinkedHashMap<>(claims);
  }

  /** The canonical {@code tn} entries. */
  public List<NumberEntry> numbers() throws VesperException {
    List<NumberEntry> out = new ArrayList<>();
    for (Object e : (List<?>) claims.get(VesperToken.TN)) {
      out.add(NumberEntry.fromCanonicalJson(e));
    }
    return out;
  }

  /** True for the name of an identity attribute (not an always-visible claim). */
  static boolean isAttribute(String name) {
    return switch (name) {
      case VesperToken.NAME, VesperToken.ENTITY_TYPE, VesperToken.ADDRESS, VesperToken.BUSINESS_CATEGORY,
          VesperToken.BUSINESS_IDS, VesperToken.KYC, VesperToken.TN -> true;
      default -> false;
    };
  }

  static VesperException bad(String message) {
    return new VesperException(ErrorCode.ISSUANCE_BAD_ATTRIBUTE, message);
  }

  private static final class Rules {
    private final AttributeReading reading;

    Rules(AttributeReading reading) {
      this.reading = reading;
    }

    Map<String, Object> all(Map<String, Object> in) throws VesperException {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String name : in.keySet()) {
        if (!reading.mayCarry(name)) {
          throw new VesperException(ErrorCode.ISSUANCE_UNKNOWN_ATTRIBUTE, "unknown attribute '" + clip(name) + "'");
        }
      }
      reading.requirePresent(in, VesperToken.NAME);
      reading.requirePresent(in, VesperToken.ENTITY_TYPE);
      reading.requirePresent(in, VesperToken.TN);
      if (in.containsKey(VesperToken.NAME)) {
        out.put(VesperToken.NAME, text(in.get(VesperToken.NAME), "name"));
      }
      if (in.containsKey(VesperToken.ENTITY_TYPE)) {
        out.put(VesperToken.ENTITY_TYPE, oneOf(in.get(VesperToken.ENTITY_TYPE), ENTITY_TYPES, "entity_type"));
      }
      if (in.containsKey(VesperToken.ADDRESS)) {
        out.put(VesperToken.ADDRESS, address(in.get(VesperToken.ADDRESS)));
      }
      if (in.containsKey(VesperToken.BUSINESS_CATEGORY)) {
        out.put(VesperToken.BUSINESS_CATEGORY, text(in.get(VesperToken.BUSINESS_CATEGORY), "business_category"));
      }
      if (in.containsKey(VesperToken.BUSINESS_IDS)) {
        out.put(VesperToken.BUSINESS_IDS, businessIds(in.get(VesperToken.BUSINESS_IDS)));
      }
      if (in.containsKey(VesperToken.KYC)) {
        out.put(VesperToken.KYC, kyc(in.get(VesperToken.KYC)));
      }
      if (in.containsKey(VesperToken.TN)) {
        out.put(VesperToken.TN, numbers(in.get(VesperToken.TN)));
      }
      return out;
    }

    private Map<String, Object> address(Object value) throws VesperException {
      Map<String, Object> in = object(value, "address");
      Map<String, Object> out = new LinkedHashMap<>();
      for (String part : in.keySet()) {
        if (!ADDRESS_PARTS.contains(part)) {
          throw new VesperException(ErrorCode.ISSUANCE_UNKNOWN_ATTRIBUTE, "unknown attribute 'address." + clip(part) + "'");
        }
      }
      for (String part : List.of("street_address", "locality", "region", "postal_code", "country")) {
        if (in.containsKey(part)) {
          String text = text(in.get(part), "address." + part);
          if (part.equals("country") && !COUNTRY.matcher(text).matches()) {
            throw bad("address.country must be an ISO 3166-1 alpha-2 code such as US");
          }
          out.put(part, text);
        }
      }
      reading.requireNonEmpty(out.isEmpty(), ErrorCode.ISSUANCE_BAD_ATTRIBUTE, "address needs at least one part");
      return out;
    }

    private Map<String, Object> businessIds(Object value) throws VesperException {
      Map<String, Object> in = object(value, "business_ids");
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : in.entrySet()) {
        if (!BUSINESS_ID_SCHEME.matcher(e.getKey()).matches()) {
          throw bad("business_ids keys are lower-case scheme names such as ein, lei, duns");
        }
        out.put(e.getKey(), text(e.getValue(), "business_ids." + e.getKey()));
      }
      reading.requireNonEmpty(out.isEmpty(), ErrorCode.ISSUANCE_BAD_ATTRIBUTE, "business_ids needs at least one identifier");
      return out;
    }

    private Map<String, Object> kyc(Object value) throws VesperException {
      Map<String, Object> in = object(value, "kyc");
      for (String part : in.keySet()) {
        if (!KYC_PARTS.contains(part)) {
          throw new VesperException(ErrorCode.ISSUANCE_UNKNOWN_ATTRIBUTE, "unknown attribute 'kyc." + clip(part) + "'");
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      reading.requireNonEmpty(!in.containsKey("level"), ErrorCode.ISSUANCE_BAD_ATTRIBUTE, "kyc.level is required");
      if (in.containsKey("level")) {
        out.put("level", oneOf(in.get("level"), KYC_LEVELS, "kyc.level"));
      }
      if (in.containsKey("method")) {
        out.put("method", text(in.get("method"), "kyc.method"));
      }
      if (in.containsKey("vetted_at")) {
        if (!(in.get("vetted_at") instanceof Long at) || at < 0) {
          throw bad("kyc.vetted_at must be a NumericDate (integer seconds since the epoch)");
        }
        out.put("vetted_at", at);
      }
      return out;
    }

    private List<Object> numbers(Object value) throws VesperException {
      if (!(value instanceof List<?> list)) {
        throw bad("tn must be an array");
      }
      reading.requireNonEmpty(list.isEmpty(), ErrorCode.ISSUANCE_EMPTY_TN, "tn must name at least one number");
      if (list.size() > MAX_TN_ENTRIES) {
        throw bad("tn has more than " + MAX_TN_ENTRIES + " entries");
      }
      List<NumberEntry> entries = new ArrayList<>(list.size());
      for (Object e : list) {
        entries.add(reading.number(e));
      }
      reading.checkTogether(entries);
      List<Object> out = new ArrayList<>(entries.size());
      for (NumberEntry e : entries) {
        out.add(e.toJson());
      }
      return out;
    }

    private static Map<String, Object> object(Object value, String what) throws VesperException {
      if (!(value instanceof Map<?, ?>)) {
        throw bad(what + " must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return map;
    }

    private static String text(Object value, String what) throws VesperException {
      if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
        throw bad(what + " must be a non-blank string of at most " + MAX_TEXT + " characters");
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isISOControl(c) || c == '\u202E' || c == '\u202D' || c == '\u2066' || c == '\u2067' || c == '\u2068') {
          throw bad(what + " must not contain control or bidirectional-override characters");
        }
      }
      return s;
    }

    private static String oneOf(Object value, Set<String> allowed, String what) throws VesperException {
      if (!(value instanceof String s) || !allowed.contains(s)) {
        throw bad(what + " must be one of " + new TreeSet<>(allowed));
      }
      return s;
    }

    private static String clip(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
  }
}
