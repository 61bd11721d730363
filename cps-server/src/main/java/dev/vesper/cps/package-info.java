/**
 * The Call Placement Service (draft-wendt-stir-vesper-oob-02): out-of-band delivery of PASSporTs for calls
 * whose Identity header does not survive the path. An STI-AS publishes a call's PASSporTs, the STI-VS at
 * the far end retrieves them; each exchange carries an STI access token for the number it acts for.
 * {@link dev.vesper.cps.CpsServer} wires a {@link dev.vesper.cps.CpsConfig}.
 *
 * <pre>{@code
 * try (CpsServer cps = CpsServer.start(new CpsConfig("127.0.0.1", 8087, "cps.example", stiTrust, Clock.systemUTC()))) {
 *   // POST /passports/{dest}/{orig}, GET /passports/{dest}/{orig}
 * }
 * }</pre>
 */
package dev.vesper.cps;
