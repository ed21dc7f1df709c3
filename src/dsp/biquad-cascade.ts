import { checkArg } from '../errors.js';
import type { BiquadDesign } from './biquad-design.js';

/**
 * Runs a {@link BiquadDesign} over interleaved multichannel samples, one independent filter
 * state per channel (transposed direct form II, state in Float64).
 *
 * State is carried from one `process` call to the next, so the output is the same however the
 * signal is cut into batches.
 *
 * A non-finite input sample (NaN, ±Infinity) is skipped: its output is NaN and the state is
 * left as it was, so the samples after it are filtered as if it were not there (counted in
 * `skipped`). One bad sample never turns the rest of the signal into NaN. (Finite float32
 * input cannot overflow the float64 state of a stable design.) Allocates nothing per sample; a planar scratch buffer grows only
 * when a longer batch than before arrives.
 *
 * @example
 * ```ts
 * import { BiquadCascade, designBandpass } from 'scl-wear/dsp';
 * const filter = new BiquadCascade(designBandpass(0.5, 40, 360), 1);
 * const out = new Float32Array(360);
 * filter.process(batch.data, out); // batch: 1 s of 1-channel ECG at 360 Hz
 * ```
 */
export class BiquadCascade {
  /** Number of interleaved channels. */
  readonly channels: number;
  /** Sample rate in Hz the design is for. */
  readonly rate: number;
  private readonly coef: Float64Array;
  private readonly nSections: number;
  /** Per channel, per section: z1, z2. */
  private readonly state: Float64Array;
  private scratch = new Float64Array(0);
  /** Non-finite input samples skipped so far (all channels). */
  skipped = 0;

  /**
   * @param design - the coefficients
   * @param channels - number of interleaved channels (≥ 1)
   * @throws InputError `E_ARGUMENT` when `channels` is not a positive integer or the design is empty
   */
  constructor(design: BiquadDesign, channels: number) {
    checkArg(Number.isInteger(channels) && channels >= 1, 'channels', 'a positive integer', channels);
    checkArg(
      design.sections.length > 0 && design.sections.length % 5 === 0,
      'design.sections',
      'a multiple of 5 coefficients',
      design.sections,
    );
    this.channels = channels;
    this.rate = design.rate;
    this.coef = Float64Array.from(design.sections);
    this.nSections = this.coef.length / 5;
    this.state = new Float64Array(channels * this.nSections * 2);
  }

  /**
   * Filters `frames` interleaved frames from `input` into `output` (which may be `input`).
   *
   * @param input - interleaved samples, at least `frames * channels` values
   * @param output - destination, same layout
   * @param frames - frames to filter; default all of `input`
   * @throws InputError `E_ARGUMENT` when the arrays are too short
   */
  process(input: Float32Array, output: Float32Array, frames = Math.floor(input.length / this.channels)): void {
    const nc = this.channels;
    checkArg(input.length >= frames * nc && output.length >= frames * nc, 'output', `room for ${frames} frames of ${nc} channels`, output);
    if (this.scratch.length < frames) this.scratch = new Float64Array(frames);
    const buf = this.scratch;
    const coef = this.coef;
    const state = this.state;
    const last = this.nSections - 1;
    // x - x is 0 for every finite x and NaN otherwise: one test covers NaN and ±Infinity.
    let sum = 0;
    for (let j = 0, end = frames * nc; j < end; j++) sum += input[j]! - input[j]!;
    const allClean = sum === 0;
    for (let c = 0; c < nc; c++) {
      let clean = allClean;
      if (!allClean) {
        clean = true;
        for (let i = 0, j = c; i < frames && clean; i++, j += nc) clean = (input[j] as number) - (input[j] as number) === 0;
      }
      // The first section reads the interleaved input and the last writes the interleaved
      // output; sections in between work on a planar Float64 buffer.
      for (let s = 0; s <= last; s++) {
        const k = 5 * s;
        const b0 = coef[k]!,
          b1 = coef[k + 1]!,
          b2 = coef[k + 2]!,
          a1 = coef[k + 3]!,
          a2 = coef[k + 4]!;
        const z = 2 * (c * this.nSections + s);
        let z1 = state[z]!;
        let z2 = state[z + 1]!;
        const fromInput = s === 0;
        const toOutput = s === last;
        if (clean) {
          for (let i = 0, j = c; i < frames; i++, j += nc) {
            const x = fromInput ? input[j]! : buf[i]!;
            const y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            if (toOutput) output[j] = y;
            else buf[i] = y;
          }
        } else {
          for (let i = 0, j = c; i < frames; i++, j += nc) {
            const x = fromInput ? input[j]! : buf[i]!;
            let y = Number.NaN; // a non-finite sample is skipped: the state stays as it was
            if (x - x === 0) {
              y = b0 * x + z1;
              z1 = b1 * x - a1 * y + z2;
              z2 = b2 * x - a2 * y;
            } else if (fromInput) this.skipped++;
            if (toOutput) output[j] = y;
            else buf[i] = y;
          }
        }
        state[z] = z1;
        state[z + 1] = z2;
      }
    }
  }

  /**
   * Primes each channel from its first finite value among the first `frames` interleaved frames
   * of `input` (a channel with none starts from rest).
   *
   * @param input - interleaved samples
   * @param frames - frames to look through
   */
  primeFromFirstFinite(input: ArrayLike<number>, frames: number): void {
    const nc = this.channels;
    const frame = new Float64Array(nc);
    for (let c = 0; c < nc; c++) {
      for (let i = 0, j = c; i < frames; i++, j += nc) {
        const v = input[j]!;
        if (Number.isFinite(v)) {
          frame[c] = v;
          break;
        }
      }
    }
    this.prime(frame);
  }

  /** Clears the state, as if no sample had been seen (the next output starts from rest). */
  reset(): void {
    this.state.fill(0);
  }

  /**
   * Sets the state to the steady state reached after a constant input equal to `frame`, so a
   * signal that starts at a non-zero level (gravity, an ECG baseline) does not ring at start.
   *
   * @param frame - one value per channel (interleaved frame), read from `offset`; a
   *   non-finite value primes its channel from rest
   * @param offset - index of the frame's first value in `frame`
   */
  prime(frame: ArrayLike<number>, offset = 0): void {
    const coef = this.coef;
    for (let c = 0; c < this.channels; c++) {
      let x = frame[offset + c] ?? 0;
      if (!Number.isFinite(x)) x = 0;
      for (let s = 0; s < this.nSections; s++) {
        const k = 5 * s;
        const b0 = coef[k]!,
          b1 = coef[k + 1]!,
          b2 = coef[k + 2]!,
          a1 = coef[k + 3]!,
          a2 = coef[k + 4]!;
        const y = ((b0 + b1 + b2) / (1 + a1 + a2)) * x;
        const z = 2 * (c * this.nSections + s);
        this.state[z] = y - b0 * x;
        this.state[z + 1] = b2 * x - a2 * y;
        x = y;
      }
    }
  }
}
