import { batchEnd, createBatch, type SampleBatch, type SampleBatchInit } from '../core/batch.js';

/**
 * Numbers the batches of a live stream and sets its gap markers. A gap the source measured
 * itself (lost samples, or the time between beats across a reconnect) is passed through; a
 * batch from a new connection (another `generation`) without one gets `gapBefore` = time from
 * the end of the previous batch to its first sample (at least 0: a reconnect always marks).
 */
export class BatchSequencer {
  private seq = 0;
  private generation: number | undefined;
  private prev: SampleBatch | undefined;

  /**
   * Builds the next batch.
   *
   * @param init - the batch without `seq` and `gapBefore`
   * @param generation - connection generation the data came from
   * @param gap - seconds missing that the source measured (0 if none)
   */
  next(init: Omit<SampleBatchInit, 'seq' | 'gapBefore'>, generation: number, gap = 0): SampleBatch {
    let gapBefore = gap > 0 ? gap : undefined;
    if (gapBefore === undefined && this.prev && generation !== this.generation) gapBefore = Math.max(0, init.t0 - batchEnd(this.prev));
    const batch = createBatch({ ...init, seq: this.seq++, ...(gapBefore !== undefined ? { gapBefore } : {}) });
    this.generation = generation;
    this.prev = batch;
    return batch;
  }
}
