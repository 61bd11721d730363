package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.testing.Fuzz;
import java.util.Arrays;

/**
 * The transparency log's entry decoder (submissions from issuers, entries in receipts and tiles).
 * Invariants: only {@code VesperException}; one logical entry has one encoding, so decoding then encoding
 * gives the input back.
 */
class LogEntryFuzzTest {
  @FuzzTest
  void decode(byte[] bytes) {
    Fuzz.attempt(() -> LogEntry.decode(bytes)).ifPresent(entry -> {
      require(Arrays.equals(entry.encode(), bytes), "decode then encode gives the bytes back");
      entry.leafHash();
    });
  }
}
