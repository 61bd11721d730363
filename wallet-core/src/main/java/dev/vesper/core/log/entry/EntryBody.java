package dev.vesper.core.log.entry;

/** The type-specific part of a log entry. Every body holds only public data: see docs/transparency.md §3. */
public sealed interface EntryBody permits IssuerKeyEvent, TokenIssued, TokenStatusChanged, NumberRightToUse {
  EntryType type();
}
