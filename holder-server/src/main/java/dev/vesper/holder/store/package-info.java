/**
 * The holder's only SQL ({@link dev.vesper.holder.store.HolderStore}): one method per query, every read scoped
 * by tenant, sealed columns kept sealed.
 */
package dev.vesper.holder.store;
