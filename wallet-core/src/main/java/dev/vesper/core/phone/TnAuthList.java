package dev.vesper.core.phone;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * The TNAuthList certificate extension of RFC 8226 §9 (OID 1.3.6.1.5.5.7.1.26), module with EXPLICIT
 * TAGS:
 *
 * <pre>
 * TNAuthorizationList ::= SEQUENCE SIZE (1..MAX) OF TNEntry
 * TNEntry ::= CHOICE { spc [0] ServiceProviderCode, range [1] TelephoneNumberRange, one [2] TelephoneNumber }
 * TelephoneNumberRange ::= SEQUENCE { start TelephoneNumber, count INTEGER (2..MAX), ... }
 * TelephoneNumber ::= IA5String (SIZE (1..15)) (FROM ("0123456789#*"))
 * </pre>
 *
 * Encoding is DER with explicit tags. Decoding is strict: DER only (re-encoding must give the input
 * back), explicit tags only, every constraint above checked; unknown extension elements after
 * {@code count} are skipped as the ASN.1 extension marker allows. Immutable.
 */
public record TnAuthList(List<Entry> entries) {
  public TnAuthList {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a TNAuthList has at least one entry");
    }
  }

  /** One TNEntry. */
  public sealed interface Entry permits Spc, One, Range {}

  /** A service provider code (SHAKEN: the carrier's SPC/OCN). */
  public record Spc(String code) implements Entry {
    public Spc {
      if (code.isEmpty() || !code.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("an SPC is a non-empty printable IA5String");
      }
    }
  }

  /** One telephone number (digits, {@code #}, {@code *}; 1..15 characters). */
  public record One(String number) implements Entry {
    public One {
      requireTelephoneNumber(number, true);
    }
  }

  /** {@code count} consecutive numbers from {@code start} of the same length (RFC 8226 §9). */
  public record Range(String start, long count) implements Entry {
    public Range {
      requireTelephoneNumber(start, false);
      if (count < 2) {
        throw new IllegalArgumentException("range count must be at least 2");
      }
      if (count > BigInteger.TEN.pow(start.length()).longValueExact() - Long.parseLong(start)) {
        throw new IllegalArgumentException("range runs past " + start.length() + " digits");
      }
    }

    boolean covers(String number) {
      if (number.length() != start.length() || !number.chars().allMatch(Character::isDigit)) {
        return false;
      }
      long n = Long.parseLong(number);
      long first = Long.parseLong(start);
      return n >= first && n - first < count;
    }
  }

  private static void requireTelephoneNumber(String tn, boolean allowSpecial) {
    if (tn.isEmpty() || tn.length() > TelephoneNumber.MAX_DIGITS) {
      throw new IllegalArgumentException("a TelephoneNumber has 1..15 characters");
    }
    for (int i = 0; i < tn.length(); i++) {
      char c = tn.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (allowSpecial && (c == '#' || c == '*'));
      if (!ok) {
        throw new IllegalArgumentException(
            allowSpecial ? "a TelephoneNumber uses only 0-9, # and *" : "a range start uses only 0-9");
      }
    }
  }

  /** True when an entry names {@code number} exactly or a range contains it; SPC entries never do. */
  public boolean covers(TelephoneNumber number) {
    for (Entry e : entries) {
      if (e instanceof One one && one.number().equals(number.digits())) {
        return true;
      }
      if (e instanceof Range range && range.covers(number.digits())) {
        return true;
      }
    }
    return false;
  }

  /** DER, explicit tags. */
  public byte[] encode() {
    ASN1EncodableVector list = new ASN1EncodableVector();
    for (Entry e : entries) {
      if (e instanceof Spc spc) {
        list.add(new DERTaggedObject(true, 0, new DERIA5String(spc.code())));
      } else if (e instanceof Range range) {
        ASN1EncodableVector seq = new ASN1EncodableVector();
        seq.add(new DERIA5String(range.start()));
        seq.add(new ASN1Integer(range.count()));
        list.add(new DERTaggedObject(true, 1, new DERSequence(seq)));
      } else if (e instanceof One one) {
        list.add(new DERTaggedObject(true, 2, new DERIA5String(one.number())));
      }
    }
    try {
      return new DERSequence(list).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }

  /** Decodes DER; any deviation is {@link ErrorCode#TN_AUTH_LIST_MALFORMED}. */
  public static TnAuthList decode(byte[] der) throws VesperException {
    Objects.requireNonNull(der, "der == null");
    if (der.length == 0 || der.length > 65536) {
      throw malformed("has an unusable length");
    }
    ASN1Primitive root;
    try {
      root = ASN1Primitive.fromByteArray(der);
      if (!Arrays.equals(root.getEncoded(ASN1Encoding.DER), der)) {
        throw malformed("is not DER");
      }
    } catch (IOException | RuntimeException e) {
      throw malformed("is not valid ASN.1");
    }
    if (!(root instanceof ASN1Sequence seq) || seq.size() == 0) {
      throw malformed("must be a non-empty SEQUENCE");
    }
    List<Entry> entries = new ArrayList<>();
    for (ASN1Encodable element : seq) {
      entries.add(decodeEntry(element));
    }
    return new TnAuthList(entries);
  }

  private static Entry decodeEntry(ASN1Encodable element) throws VesperException {
    if (!(element instanceof ASN1TaggedObject tagged) || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
      throw malformed("entry is not a context-specific tagged choice");
    }
    if (!tagged.isExplicit()) {
      throw malformed("entry [" + tagged.getTagNo() + "] is implicitly tagged; RFC 8226 uses EXPLICIT TAGS");
    }
    ASN1Primitive inner = tagged.getExplicitBaseObject().toASN1Primitive();
    try {
      return switch (tagged.getTagNo()) {
        case 0 -> new Spc(ia5(inner, "SPC"));
        case 2 -> new One(ia5(inner, "TelephoneNumber"));
        case 1 -> decodeRange(inner);
        default -> throw malformed("entry has unknown tag [" + tagged.getTagNo() + "]");
      };
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static Range decodeRange(ASN1Primitive inner) throws VesperException {
    if (!(inner instanceof ASN1Sequence seq) || seq.size() < 2) {
      throw malformed("range must be a SEQUENCE of start and count");
    }
    String start = ia5(seq.getObjectAt(0).toASN1Primitive(), "range start");
    if (!(seq.getObjectAt(1) instanceof ASN1Integer count)) {
      throw malformed("range count must be an INTEGER");
    }
    BigInteger value = count.getValue();
    if (value.bitLength() > 62) {
      throw malformed("range count is out of range");
    }
    // Elements after count belong to the ASN.1 extension marker and are skipped.
    return new Range(start, value.longValue());
  }

  private static String ia5(ASN1Primitive value, String what) throws VesperException {
    if (!(value instanceof ASN1IA5String s)) {
      throw malformed(what + " must be an IA5String");
    }
    return s.getString();
  }

  private static VesperException malformed(String why) {
    return new VesperException(ErrorCode.TN_AUTH_LIST_MALFORMED, "TNAuthList " + why);
  }
}
