import type { SampleWindow } from '../core/window.js';
import { checkOrbitSize, orbitRotations } from '../core/orbit-rotations.js';
import { rotateTriad } from '../core/rotate-triad.js';
import { InputError } from '../errors.js';
import type { ClassResult, EmbeddingResult, Encoder } from './encoder.js';
import { triadStarts } from './rotate-triads.js';

/** Adds `b` to `a` in place. */
function addInto(a: Float32Array, b: Float32Array): void {
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
}

/** Divides `a` by `k` in place and returns the index of its largest value. */
function meanArgmax(a: Float32Array, k: number): number {
  let arg = 0;
  for (let i = 0; i < a.length; i++) {
    a[i]! /= k;
    if (a[i]! > a[arg]!) arg = i;
  }
  return arg;
}

/**
 * An encoder whose `classify` averages over the orbit of each window: the window as recorded and
 * `k - 1` copies rotated by the fixed set of {@link orbitRotations} (acc and gyro triads alike)
 * run as one batch, and the class and group probabilities are averaged over the `k` copies.
 * The embedding is that of the window as recorded. Rotated copies are written into pooled
 * buffers (one per window in flight, reused), so nothing is allocated per sample.
 *
 * @param encoder - an encoder whose model has classes and reads acc (and gyro) triads
 * @param k - rotations, an integer 1..64 (1 returns `encoder` itself)
 * @returns the averaging encoder (`embed` and `close` go to `encoder`)
 * @throws InputError `E_ARGUMENT` for a bad `k`; from `classify`, `E_SHAPE` for windows without
 *   `ax, ay, az` (or `gx, gy, gz`) in that order, and the errors of `encoder.classify`
 * @internal
 */
export function orbitAverage(encoder: Encoder, k: number): Encoder {
  checkOrbitSize(k, 'rotationAverage');
  if (k === 1) return encoder;
  const rotations = orbitRotations(k);
  const plans = new WeakMap<SampleWindow['channels'], number[]>();
  const pool: Float32Array[] = [];
  const expand = (w: SampleWindow, buffer: Float32Array, into: SampleWindow[]) => {
    let starts = plans.get(w.channels);
    if (!starts) {
      starts = triadStarts(w.channels, 'rotationAverage');
      plans.set(w.channels, starts);
    }
    const nc = w.channels.length;
    const size = w.data.length;
    into.push(w);
    for (let j = 1; j < k; j++) {
      const data = buffer.subarray((j - 1) * size, j * size);
      data.set(w.data);
      for (const c of starts) rotateTriad(data, data, c, 1, nc, w.length, rotations, 9 * j);
      into.push({ ...w, data });
    }
  };
  const average = (rs: ClassResult[], i: number): ClassResult => {
    const first = rs[i * k]!;
    for (let j = 1; j < k; j++) {
      const r = rs[i * k + j]!;
      addInto(first.probs, r.probs);
      if (first.groupProbs && r.groupProbs) addInto(first.groupProbs, r.groupProbs);
    }
    const labelIndex = meanArgmax(first.probs, k);
    if (!first.groupProbs || !first.group) return { ...first, labelIndex, label: encoder.entry.classes![labelIndex]! };
    const group = encoder.entry.groups!.names[meanArgmax(first.groupProbs, k)]!;
    return { ...first, labelIndex, group, label: first.calibrated ? encoder.entry.classes![labelIndex]! : group };
  };
  return {
    entry: encoder.entry,
    get device() {
      return encoder.device;
    },
    get deviceReason() {
      return encoder.deviceReason;
    },
    embed: (windows: readonly SampleWindow[]): Promise<EmbeddingResult[]> => encoder.embed(windows),
    close: () => encoder.close(),
    async classify(windows: readonly SampleWindow[]): Promise<ClassResult[]> {
      const buffers: Float32Array[] = [];
      try {
        const copies: SampleWindow[] = [];
        for (const w of windows) {
          if (!(w.data instanceof Float32Array) || !Array.isArray(w.channels)) {
            throw new InputError('E_SHAPE', 'rotationAverage: expected windows (channels, Float32Array data)');
          }
          const need = (k - 1) * w.data.length;
          let b = pool.pop();
          if (!b || b.length < need) b = new Float32Array(need);
          buffers.push(b);
          expand(w, b, copies);
        }
        const rs = await encoder.classify(copies);
        return windows.map((_, i) => average(rs, i));
      } finally {
        pool.push(...buffers);
      }
    },
  };
}
