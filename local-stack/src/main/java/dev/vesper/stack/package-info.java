/**
 * The whole local stack in one JVM ({@code vesper up}): registry, issuer, holder and verifier with their keys,
 * a demo trust setup and two demo personas seeded through the real flows; {@code <data>/stack.json} records
 * what scripts need.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(new LocalStack.Options(dataDir, "127.0.0.1", 0, null), System.err)) {
 *   String holder = stack.holderUrl();
 * }
 * }</pre>
 */
package dev.vesper.stack;
