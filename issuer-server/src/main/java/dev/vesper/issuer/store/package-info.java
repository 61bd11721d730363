/**
 * The issuer's SQL: entities, vetting and right to use ({@link dev.vesper.issuer.store.IssuerStore}), tokens,
 * status lists and the log outbox ({@link dev.vesper.issuer.store.TokenStore}), offers and access tokens
 * ({@link dev.vesper.issuer.store.OfferStore}); each state change and its log entry in one transaction.
 */
package dev.vesper.issuer.store;
