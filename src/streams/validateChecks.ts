import type { SampleBatch } from '../core/batch.js';
import { InputError } from '../errors.js';

/**
 * Whether `data` holds a NaN or ±Infinity. Branch-free scan: `v * 0` is 0 for finite `v` and
 * NaN otherwise, and NaN survives the sum.
 *
 * @param data - samples
 */
export function hasNonFinite(data: Float32Array): boolean {
  let acc = 0;
  for (let i = 0; i < data.length; i++) acc += data[i]! * 0;
  return acc !== acc;
}

/**
 * Replaces each non-finite value of interleaved `data` in place with its channel's last finite
 * value; `last` (one per channel) carries those values across batches.
 *
 * @param data - interleaved samples, modified
 * @param last - last finite value per channel, updated
 * @returns number of values replaced
 */
export function holdNonFinite(data: Float32Array, last: Float64Array): number {
  const nc = last.length;
  let replaced = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    const c = i % nc;
    if (Number.isFinite(v)) last[c] = v;
    else {
      data[i] = last[c]!;
      replaced++;
    }
  }
  return replaced;
}

/**
 * Checks a batch's per-frame timestamps: strictly increasing, and split where consecutive frames
 * are more than `1 + tolerance` frame periods apart (the later piece gets `gapBefore`).
 *
 * @param batch - the batch
 * @param tolerance - jitter allowed, in frames
 * @returns the batch, or its pieces when it had internal gaps (views, not copies)
 * @throws InputError `E_DUPLICATE_TIMESTAMP` or `E_NON_MONOTONIC`
 */
export function checkTimestamps(batch: SampleBatch, tolerance: number): SampleBatch[] {
  const ts = batch.timestamps;
  if (!ts) return [batch];
  const period = 1 / batch.rate;
  const limit = (1 + tolerance) * period;
  const cuts: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    const dt = ts[i]! - ts[i - 1]!;
    if (dt > 0 && dt <= limit) continue;
    if (dt > limit) {
      cuts.push(i);
      continue;
    }
    const code = dt === 0 ? 'E_DUPLICATE_TIMESTAMP' : 'E_NON_MONOTONIC';
    throw new InputError(code, `validate: frame ${i} of batch ${batch.seq} is at ${ts[i]} s, ${dt === 0 ? 'the same time as' : 'before'} frame ${i - 1}`, {
      details: { seq: batch.seq, frame: i, time: ts[i] },
    });
  }
  if (cuts.length === 0) return [batch];
  const nc = batch.channels.length;
  const bounds = [0, ...cuts, batch.length];
  const pieces: SampleBatch[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [a, b] = [bounds[k]!, bounds[k + 1]!];
    const piece: SampleBatch = {
      ...batch,
      t0: ts[a]!,
      length: b - a,
      data: batch.data.subarray(a * nc, b * nc),
      timestamps: ts.subarray(a, b),
    };
    pieces.push(k === 0 ? piece : { ...piece, gapBefore: ts[a]! - ts[a - 1]! - period });
  }
  return pieces;
}
