package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.testing.Fuzz;
import java.util.Arrays;

/**
 * TNAuthList DER (RFC 8226 §9), as it arrives in an STI certificate and in an RFC 9448 authority token
 * (network-facing). Invariants: only DER is accepted, so decoding then encoding gives the input back;
 * coverage questions never throw.
 */
class TnAuthListFuzzTest {
  private static final TelephoneNumber PROBE = new TelephoneNumber("12025550100");

  @FuzzTest
  void decode(byte[] der) {
    Fuzz.attempt(() -> TnAuthList.decode(der)).ifPresent(list -> {
      require(Arrays.equals(list.encode(), der), "decode then encode gives the DER back");
      list.covers(PROBE);
      for (TnAuthList.Entry e : list.entries()) {
        String number = e instanceof TnAuthList.One one ? one.number() : e instanceof TnAuthList.Range r ? r.start() : null;
        if (number != null && TelephoneNumber.isCanonical(number)) {
          require(list.covers(new TelephoneNumber(number)), "a list covers the numbers it names");
        }
      }
    });
  }
}
