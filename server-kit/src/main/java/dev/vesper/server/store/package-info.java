/**
 * Storage and secrets at rest: one pooled {@link dev.vesper.server.store.Database} (embedded SQLite by default,
 * PostgreSQL when given a JDBC URL, the same Flyway migrations), parameterised {@link dev.vesper.server.store.Sql},
 * group commit, and the AES-256-GCM envelope: a key-encryption key ({@link dev.vesper.server.store.Kek}: a file,
 * the environment, or a PKCS#11 token) wraps each tenant's data key ({@link dev.vesper.server.store.SealedBox}).
 *
 * <pre>{@code
 * Database db = Database.open(jdbcUrl, dataDir, "holder.db", "db/holder");
 * String sealed = SealedBox.create(tenantId, kek).box().seal("tokens", tokenId, sdJwt);
 * }</pre>
 */
package dev.vesper.server.store;
