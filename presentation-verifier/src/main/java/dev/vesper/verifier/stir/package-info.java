/**
 * The STI-VS (RFC 8224 §6.2, docs/stir-profile.md): {@link dev.vesper.verifier.stir.StirVerifier} chooses the
 * Identity header to verify, checks the PASSporT, its signer's certificate chain and TNAuthList, freshness and
 * replay, and for {@code ppt=vesper} the presentation it carries, bound to the call. The answer is a {@link
 * dev.vesper.verifier.stir.StirResult}: a {@code verstat}, an RFC 8224 reason and a stable error id.
 *
 * <pre>{@code
 * StirVerifier vs = StirVerifier.builder(StiCredentials.trusting(roots, SpcDirectory.none()), trustedIssuers).build();
 * StirResult result = vs.verify(identityHeaders, from, List.of(to));
 * }</pre>
 */
package dev.vesper.verifier.stir;
