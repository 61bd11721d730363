/**
 * Telephone numbers as STIR defines them: canonical E.164 digits ({@link dev.vesper.core.phone.TelephoneNumber},
 * RFC 8224 §8.3), ranges ({@link dev.vesper.core.phone.NumberRange}), a token's {@code tn} entries ({@link
 * dev.vesper.core.phone.NumberEntry}), coverage of one set by another ({@link dev.vesper.core.phone.NumberCoverage}),
 * and the TNAuthList certificate extension ({@link dev.vesper.core.phone.TnAuthList}, RFC 8226).
 *
 * <pre>{@code
 * TelephoneNumber orig = TelephoneNumber.parse("+1 202 555 0100");   // 12025550100
 * boolean covered = NumberCoverage.of(entries).covers(NumberEntry.of(orig));
 * }</pre>
 */
package dev.vesper.core.phone;
