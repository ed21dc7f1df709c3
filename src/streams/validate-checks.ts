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
 * Puts a batch's frames in time order when they are only slightly out of it (each frame at
 * most `bound` seconds before a frame it follows); the batch is copied, never modified.
 *
 * @param batch - a batch with per-frame `timestamps`
 * @param bound - largest disorder to reorder, in s (0: none)
 * @returns the batch (unchanged when in order) and the number of frames moved
 * @throws InputError `E_NON_MONOTONIC` on larger disorder, `E_DUPLICATE_TIMESTAMP` on a
 *   repeated time
 */
export function orderFrames(batch: SampleBatch, bound: number): { batch: SampleBatch; moved: number } {
  const ts = batch.timestamps!;
  let moved = 0;
  let max = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t === max) throw frameError(batch, i, 'E_DUPLICATE_TIMESTAMP');
    if (t < max) {
      if (max - t > bound) throw frameError(batch, i, 'E_NON_MONOTONIC');
      moved++;
    } else max = t;
  }
  if (moved === 0) return { batch, moved };
  // Insertion sort: cheap for the small disorder allowed here.
  const nc = batch.channels.length;
  const times = Float64Array.from(ts);
  const data = Float32Array.from(batch.data);
  const frame = new Float32Array(nc);
  for (let i = 1; i < times.length; i++) {
    const t = times[i]!;
    let j = i - 1;
    if (times[j]! <= t) continue;
    frame.set(data.subarray(i * nc, (i + 1) * nc));
    while (j >= 0 && times[j]! > t) j--;
    times.copyWithin(j + 2, j + 1, i);
    data.copyWithin((j + 2) * nc, (j + 1) * nc, i * nc);
    times[j + 1] = t;
    data.set(frame, (j + 1) * nc);
  }
  for (let i = 1; i < times.length; i++) if (times[i] === times[i - 1]) throw frameError(batch, i, 'E_DUPLICATE_TIMESTAMP');
  return { batch: { ...batch, t0: times[0]!, data, timestamps: times }, moved };
}

function frameError(batch: SampleBatch, i: number, code: 'E_NON_MONOTONIC' | 'E_DUPLICATE_TIMESTAMP'): InputError {
  const ts = batch.timestamps!;
  return new InputError(
    code,
    `validate: frame ${i} of batch ${batch.seq} is at ${ts[i]} s, ${code === 'E_DUPLICATE_TIMESTAMP' ? 'the same time as' : 'too far before'} an earlier frame`,
    {
      details: { seq: batch.seq, frame: i, time: ts[i] },
    },
  );
}

/**
 * Views of frames `from`..`to` of a batch.
 *
 * @param batch - the batch
 * @param from - first frame
 * @param to - end frame (exclusive)
 */
export function frameRange(batch: SampleBatch, from: number, to: number): SampleBatch {
  if (from === 0 && to === batch.length) return batch;
  const nc = batch.channels.length;
  const ts = batch.timestamps;
  return {
    ...batch,
    t0: ts ? ts[from]! : batch.t0 + from / batch.rate,
    length: to - from,
    data: batch.data.subarray(from * nc, to * nc),
    ...(ts ? { timestamps: ts.subarray(from, to) } : {}),
  };
}
