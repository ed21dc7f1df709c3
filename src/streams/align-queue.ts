import type { SampleBatch } from '../core/batch.js';

/**
 * Frames of one stream waiting to be paired by `alignStreams`: a queue of batches with a read
 * offset, so nothing is copied. Frames are taken as evenly spaced at the batch's rate.
 * Internal helper of {@link alignStreams}.
 */
export class AlignQueue {
  private readonly queue: { batch: SampleBatch; offset: number }[] = [];
  /** Whether the source completed. */
  done = false;
  /** The stream's first batch (its kind, channels and rate). */
  first: SampleBatch | undefined;
  /** Frames dropped because the other stream had nothing at their time. */
  dropped = 0;

  get empty(): boolean {
    return this.queue.length === 0;
  }

  push(batch: SampleBatch): void {
    if (batch.length > 0) this.queue.push({ batch, offset: 0 });
  }

  /** Time of the oldest waiting frame, in seconds. */
  headTime(): number {
    const h = this.queue[0]!;
    return h.batch.t0 + h.offset / h.batch.rate;
  }

  /** Waiting frames in the oldest batch (contiguous from `headTime`). */
  headFrames(): number {
    const h = this.queue[0]!;
    return h.batch.length - h.offset;
  }

  /** Seconds from the oldest waiting frame to the end of the newest. */
  span(): number {
    const last = this.queue[this.queue.length - 1]!.batch;
    return last.t0 + last.length / last.rate - this.headTime();
  }

  /** The next `n` waiting frames of the oldest batch, as a view. */
  take(n: number): Float32Array {
    const h = this.queue[0]!;
    const nc = h.batch.channels.length;
    const data = h.batch.data.subarray(h.offset * nc, (h.offset + n) * nc);
    this.advance(n);
    return data;
  }

  /** Drops `n` frames of the oldest batch (all waiting frames when `n` is omitted). */
  drop(n?: number): void {
    if (n === undefined) {
      while (!this.empty) this.drop(this.headFrames());
      return;
    }
    this.dropped += n;
    this.advance(n);
  }

  private advance(n: number): void {
    const h = this.queue[0]!;
    h.offset += n;
    if (h.offset >= h.batch.length) this.queue.shift();
  }
}
