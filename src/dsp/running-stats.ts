import { checkArg } from '../errors.js';

/**
 * Per-channel running mean and variance of interleaved frames (Welford's algorithm, Float64),
 * numerically stable for signals with a large offset. Variance is the population variance.
 * Non-finite values (NaN, ±Infinity) are skipped: they do not enter the statistics, which
 * therefore stay finite after a bad sample.
 *
 * @example
 * ```ts
 * import { RunningStats } from 'scl-wear/dsp';
 * const stats = new RunningStats(3);
 * stats.update(batch.data);
 * console.log(stats.mean(0), stats.std(0));
 * ```
 */
export class RunningStats {
  /** Number of interleaved channels. */
  readonly channels: number;
  private n = 0;
  /** Finite values counted per channel. */
  private readonly ns: Float64Array;
  private readonly means: Float64Array;
  private readonly m2: Float64Array;

  /**
   * @param channels - interleaved channels (≥ 1)
   * @throws InputError `E_ARGUMENT` when `channels` is not a positive integer
   */
  constructor(channels: number) {
    checkArg(Number.isInteger(channels) && channels >= 1, 'channels', 'a positive integer', channels);
    this.channels = channels;
    this.ns = new Float64Array(channels);
    this.means = new Float64Array(channels);
    this.m2 = new Float64Array(channels);
  }

  /** Frames seen since creation or the last reset. */
  get count(): number {
    return this.n;
  }

  /** Mean of channel `c` (0 before any frame). */
  mean(c: number): number {
    return this.means[c] ?? 0;
  }

  /** Population variance of channel `c` (0 before two finite values). */
  variance(c: number): number {
    const n = this.ns[c] ?? 0;
    return n > 0 ? (this.m2[c] ?? 0) / n : 0;
  }

  /** Population standard deviation of channel `c`. */
  std(c: number): number {
    return Math.sqrt(this.variance(c));
  }

  /**
   * Adds frames to the statistics.
   *
   * @param data - interleaved frames
   * @param frames - frames to add, default the rest of `data`
   * @param fromFrame - first frame of `data` to add
   */
  update(data: Float32Array, frames?: number, fromFrame = 0): void {
    const nc = this.channels;
    const count = frames ?? Math.floor(data.length / nc) - fromFrame;
    for (let c = 0; c < nc; c++) {
      let n = this.ns[c]!;
      let mean = this.means[c]!;
      let m2 = this.m2[c]!;
      for (let i = 0, j = fromFrame * nc + c; i < count; i++, j += nc) {
        const x = data[j]!;
        if (x - x !== 0) continue; // NaN or ±Infinity
        n++;
        const d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
      }
      this.ns[c] = n;
      this.means[c] = mean;
      this.m2[c] = m2;
    }
    this.n += count;
  }

  /**
   * Causal running z-score: adds each frame to the statistics, then writes
   * `(x − mean) / max(std, minStd)` with the statistics including that frame.
   *
   * @param input - interleaved frames
   * @param output - destination (may be `input`)
   * @param minStd - smallest standard deviation divided by, in the signal's unit
   * @param frames - frames to process, default all of `input`
   */
  standardize(input: Float32Array, output: Float32Array, minStd: number, frames = Math.floor(input.length / this.channels)): void {
    const nc = this.channels;
    for (let c = 0; c < nc; c++) {
      let n = this.ns[c]!;
      let mean = this.means[c]!;
      let m2 = this.m2[c]!;
      for (let j = c, end = frames * nc; j < end; j += nc) {
        const x = input[j]!;
        if (x - x !== 0) {
          output[j] = Number.NaN; // skipped, as in update
          continue;
        }
        n++;
        const d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
        output[j] = (x - mean) / Math.max(Math.sqrt(m2 / n), minStd);
      }
      this.ns[c] = n;
      this.means[c] = mean;
      this.m2[c] = m2;
    }
    this.n += frames;
  }

  /** Forgets every frame. */
  reset(): void {
    this.n = 0;
    this.ns.fill(0);
    this.means.fill(0);
    this.m2.fill(0);
  }
}

/**
 * Standardises each channel of interleaved frames by its own mean and population standard
 * deviation (two passes): `(x − mean) / max(std, minStd)`.
 *
 * @param input - interleaved frames
 * @param output - destination (may be `input`)
 * @param channels - interleaved channels
 * @param minStd - smallest standard deviation divided by, in the signal's unit
 * @example
 * ```ts
 * import { standardize } from 'scl-wear/dsp';
 * const z = new Float32Array(win.data.length);
 * standardize(win.data, z, win.channels.length, 1e-6);
 * ```
 */
export function standardize(input: Float32Array, output: Float32Array, channels: number, minStd: number): void {
  const frames = Math.floor(input.length / channels);
  if (frames === 0) return;
  const end = frames * channels;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let j = c; j < end; j += channels) sum += input[j]!;
    const mean = sum / frames;
    let ss = 0;
    for (let j = c; j < end; j += channels) ss += (input[j]! - mean) ** 2;
    const scale = 1 / Math.max(Math.sqrt(ss / frames), minStd);
    for (let j = c; j < end; j += channels) output[j] = (input[j]! - mean) * scale;
  }
}
