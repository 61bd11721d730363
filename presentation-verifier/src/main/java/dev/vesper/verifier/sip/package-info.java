/**
 * The STI-VS as a SIP redirect server: an INVITE's Identity headers are verified by the {@link
 * dev.vesper.verifier.stir.StirVerifier} and the call is redirected with its verdict ({@code verstat}) and the
 * verified VESPER attributes.
 */
package dev.vesper.verifier.sip;
