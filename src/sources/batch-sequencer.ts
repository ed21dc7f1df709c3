import { batchEnd, createBatch, type SampleBatch, type SampleBatchInit } from '../core/batch.js';

/**
 * Numbers the batches of a live stream and sets its gap markers: a batch from a new connection
 * (another `generation`) gets `gapBefore` = time since the end of the previous batch; a gap the
 * source detected itself (lost samples) is passed through.
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
   * @param gap - seconds missing that the source detected within the connection (0 if none)
   */
  next(init: Omit<SampleBatchInit, 'seq' | 'gapBefore'>, generation: number, gap = 0): SampleBatch {
    let gapBefore = gap > 0 ? gap : undefined;
    if (this.prev && generation !== this.generation) gapBefore = Math.max(0, init.t0 - batchEnd(this.prev));
    const batch = createBatch({ ...init, seq: this.seq++, ...(gapBefore !== undefined ? { gapBefore } : {}) });
    this.generation = generation;
    this.prev = batch;
    return batch;
  }
}
