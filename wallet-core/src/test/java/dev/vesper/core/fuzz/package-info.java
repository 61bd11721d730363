/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}) for every parser of outside input in
 * wallet-core. Plain {@code mvn test} replays each target's stored inputs
 * ({@code src/test/resources/dev/vesper/core/fuzz/<Target>Inputs/}); {@code fuzz/run.sh} fuzzes them,
 * one target per JVM. Each target asserts {@link dev.vesper.core.testing.Fuzz}'s invariant (only a
 * {@code VesperException} with a short message escapes) plus a round trip where the format has one.
 */
package dev.vesper.core.fuzz;
