/**
 * Every request the holder makes as a wallet (to issuers and verifiers) goes through {@link
 * dev.vesper.holder.outbound.Outbound}, over server-kit's hardened fetcher.
 */
package dev.vesper.holder.outbound;
