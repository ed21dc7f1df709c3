import type { SampleBatch } from '../core/batch.js';
import { InputError } from '../errors.js';

/**
 * Picks one ECG lead out of interleaved batches as planar millivolts, and remembers where each
 * batch's samples sit in time, so sample indices found later (R peaks, windows) can be given
 * times. Internal helper of the ECG operators; allocates per batch, never per sample.
 */
export class EcgInput {
  private readonly channel: number;
  private readonly scale: number;
  private buf = new Float32Array(0);
  /** Batches still needed to time recent samples: first sample index, batch. */
  private readonly spans: { start: number; batch: SampleBatch }[] = [];
  private next = 0;

  /**
   * @param first - the stream's first batch
   * @param channel - channel index or name; default the first channel in mV or uV
   * @param where - operator name for messages
   * @throws InputError `E_SHAPE` when no such channel exists, `E_UNIT` when it is not in mV or uV
   */
  constructor(first: SampleBatch, channel: number | string | undefined, where: string) {
    const chans = first.channels;
    const idx =
      channel === undefined
        ? chans.findIndex((c) => c.unit === 'mV' || c.unit === 'uV')
        : typeof channel === 'number'
          ? channel
          : chans.findIndex((c) => c.name === channel);
    const info = chans[idx];
    if (!info || !Number.isInteger(idx)) {
      throw new InputError(
        'E_SHAPE',
        `${where}: no ECG channel ${channel === undefined ? 'in mV or uV' : JSON.stringify(channel)} in [${chans.map((c) => c.name).join(', ')}]`,
        {
          details: { channel, channels: chans.map((c) => c.name) },
        },
      );
    }
    if (info.unit !== 'mV' && info.unit !== 'uV') {
      throw new InputError('E_UNIT', `${where}: channel ${info.name} is in ${info.unit}; ECG must be in mV or uV`, {
        details: { unit: info.unit },
      });
    }
    this.channel = idx;
    this.scale = info.unit === 'uV' ? 0.001 : 1;
  }

  /**
   * The batch's lead in mV (a buffer reused by the next call) and records its timing.
   *
   * @param batch - the next batch of the stream
   */
  take(batch: SampleBatch): Float32Array {
    const n = batch.length;
    if (this.buf.length < n) this.buf = new Float32Array(Math.max(n, 2 * this.buf.length));
    const nc = batch.channels.length;
    const src = batch.data;
    const out = this.buf;
    for (let i = 0, j = this.channel; i < n; i++, j += nc) out[i] = (src[j] as number) * this.scale;
    if (n > 0) this.spans.push({ start: this.next, batch });
    this.next += n;
    return out.subarray(0, n);
  }

  /**
   * Time in seconds of sample `index` (counted from the stream's first sample).
   *
   * @param index - a sample index already taken
   */
  timeOf(index: number): number {
    let k = this.spans.length - 1;
    while (k > 0 && this.spans[k]!.start > index) k--;
    const span = this.spans[k];
    if (!span) return NaN;
    const i = index - span.start;
    const b = span.batch;
    return b.timestamps && i < b.length ? (b.timestamps[i] as number) : b.t0 + i / b.rate;
  }

  /**
   * Forgets batches that end before `index` (no later question will be about them).
   *
   * @param index - earliest sample index still of interest
   */
  forget(index: number): void {
    let drop = 0;
    while (drop < this.spans.length - 1 && this.spans[drop + 1]!.start <= index) drop++;
    if (drop > 0) this.spans.splice(0, drop);
  }
}
