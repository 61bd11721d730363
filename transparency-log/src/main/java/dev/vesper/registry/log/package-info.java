/**
 * The log itself: {@link dev.vesper.registry.log.TransparencyLog} sequences submissions in batches (one integrator
 * thread), stores them durably and signs checkpoints; {@link dev.vesper.registry.log.Submitters} decides who may
 * append what.
 *
 * <pre>{@code
 * TransparencyLog log = TransparencyLog.open(db, noteSigner, clock);
 * TransparencyLog.Appended appended = log.append(submission).get();
 * }</pre>
 */
package dev.vesper.registry.log;
