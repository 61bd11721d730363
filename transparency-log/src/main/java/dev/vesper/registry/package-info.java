/**
 * The transparency registry: an append-only Merkle log of issuer keys, issuance and revocation events with
 * signed checkpoints, tiles, proofs, public queries and the explorer page. {@link
 * dev.vesper.registry.RegistryServer} wires a {@link dev.vesper.registry.RegistryConfig}.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(config)) {
 *   // GET /checkpoint, GET /tile/..., POST /v1/entries, GET /explorer/
 * }
 * }</pre>
 */
package dev.vesper.registry;
