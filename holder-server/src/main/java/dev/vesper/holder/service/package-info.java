/**
 * The holder's rules, free of HTTP: tenants and their keys ({@link dev.vesper.holder.service.Tenants}, the only
 * creator of an authenticated {@link dev.vesper.holder.service.Caller}), token import through the one verifying
 * door and sealed storage ({@link dev.vesper.holder.service.TokenLibrary}), disclosure policies, grants,
 * policy-limited presentations ({@link dev.vesper.holder.service.Presentations}), the STI-AS, the audit trail,
 * and the wallet protocols (credential offers, presentation requests).
 */
package dev.vesper.holder.service;
