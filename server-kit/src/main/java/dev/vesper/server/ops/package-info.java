/**
 * Operating a running service: {@link dev.vesper.server.ops.TrustReloader} replaces a service's trust (roots,
 * issuer keys, allow-lists) on SIGHUP or when its files change, validating the whole new set first and
 * keeping the old one when anything is wrong.
 *
 * <pre>{@code
 * TrustReloader reloader = TrustReloader.watch("sti-vs", trustFiles, Duration.ofSeconds(5), () -> {
 *   stirVerifier.reload(readTrust(trustFiles));   // throws, changing nothing, when a file is bad
 *   return "trust reloaded";
 * });
 * }</pre>
 */
package dev.vesper.server.ops;
