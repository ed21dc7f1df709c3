import { checkArg } from '../errors.js';
import { dot } from './dot.js';
import {
  designResampleKernel,
  INTERPOLATED_PHASES,
  MAX_EXACT_PHASES,
  rationalApproximation,
  type ResampleKernel,
  type ResamplerOptions,
} from './resample-kernel.js';

/**
 * Largest ratio between input and output rate, either way. Beyond it the anti-aliasing kernel
 * (its length grows with the ratio) or the output per input frame would take unbounded memory.
 */
export const MAX_RATE_RATIO = 100;

/**
 * Streaming sample-rate converter for interleaved multichannel data: a polyphase
 * Kaiser-windowed sinc low-pass at the lower of the two Nyquist frequencies (anti-aliasing when
 * downsampling, anti-imaging when upsampling), any ratio up to `MAX_RATE_RATIO` either way.
 *
 * Output frame `n` is the signal at time `n / outRate` after the first input frame, so a
 * stream's time base is kept exactly. The ratio `inRate / outRate` is used as an exact fraction
 * `M / L` (to within 1e-12); up to 1024 phases are tabulated exactly, finer ratios interpolate
 * between 512 tabulated phases. An output needs `half` input frames after it, so it is
 * produced that many frames late; `flush` produces the rest, extending the last frame. The
 * first frame is extended backwards the same way. Output is the same for any batching.
 *
 * @example
 * ```ts
 * import { Resampler } from 'scl-wear/dsp';
 * const rs = new Resampler(360, 250, 1);
 * const out = new Float32Array(rs.outputFrames(batch.length));
 * rs.process(batch.data, batch.length, out);
 * ```
 */
export class Resampler {
  /** Input rate in Hz. */
  readonly inRate: number;
  /** Output rate in Hz. */
  readonly outRate: number;
  /** Number of interleaved channels. */
  readonly channels: number;
  private readonly kernel: ResampleKernel;
  /** Input frames advanced per output frame = m / l. */
  private readonly m: number;
  private readonly l: number;
  private readonly exact: boolean;
  private hist = new Float32Array(0);
  private histStart = 0;
  private received = 0;
  private k = 0;
  private phase = 0;

  /**
   * @param inRate - input rate in Hz
   * @param outRate - output rate in Hz
   * @param channels - interleaved channels (≥ 1)
   * @param options - filter quality
   * @throws InputError `E_ARGUMENT` when a rate or the channel count is invalid, or the rates
   *   are more than `MAX_RATE_RATIO` apart
   */
  constructor(inRate: number, outRate: number, channels: number, options: ResamplerOptions = {}) {
    checkArg(Number.isFinite(inRate) && inRate > 0, 'inRate', 'a positive number of Hz', inRate);
    checkArg(Number.isFinite(outRate) && outRate > 0, 'outRate', 'a positive number of Hz', outRate);
    checkArg(Number.isInteger(channels) && channels >= 1, 'channels', 'a positive integer', channels);
    const ratio = Math.max(inRate / outRate, outRate / inRate);
    checkArg(
      ratio <= MAX_RATE_RATIO,
      'outRate',
      `within a factor of ${MAX_RATE_RATIO} of the input rate ${inRate} Hz (resample in steps, or decimate first)`,
      outRate,
    );
    this.inRate = inRate;
    this.outRate = outRate;
    this.channels = channels;
    const { num, den } = rationalApproximation(inRate / outRate, 1 << 20);
    this.m = num;
    this.l = den;
    this.exact = den <= MAX_EXACT_PHASES;
    this.kernel = this.exact
      ? designResampleKernel(inRate, outRate, den, den, options)
      : designResampleKernel(inRate, outRate, INTERPOLATED_PHASES + 1, INTERPOLATED_PHASES, options);
  }

  /** Input frames of context needed on each side of an output frame (the delay, in frames). */
  get delay(): number {
    return this.kernel.half;
  }

  /**
   * Number of frames the next `process` call with `frames` input frames will write.
   *
   * @param frames - input frames about to be processed
   */
  outputFrames(frames: number): number {
    return this.countUpTo(this.received + frames - 1 - this.kernel.half);
  }

  /** Number of frames `flush` will write. */
  flushFrames(): number {
    return this.received === 0 ? 0 : this.countUpTo(this.received - 1);
  }

  /**
   * Consumes `frames` interleaved input frames and writes every output frame that is now
   * complete into `output`.
   *
   * @param input - interleaved input frames
   * @param frames - frames to consume
   * @param output - room for at least `outputFrames(frames)` frames
   * @returns frames written
   * @throws InputError `E_ARGUMENT` when `output` is too short
   */
  process(input: Float32Array, frames: number, output: Float32Array): number {
    const count = this.outputFrames(frames);
    checkArg(output.length >= count * this.channels, 'output', `room for ${count} frames`, output);
    if (frames === 0) return 0;
    if (this.received === 0) this.extendWith(input, 0, this.kernel.half - 1, true);
    this.append(input, frames);
    this.received += frames;
    this.produce(count, output);
    return count;
  }

  /**
   * Writes the output frames still pending at the end of the signal (extending its last frame),
   * then resets.
   *
   * @param output - room for at least `flushFrames()` frames
   * @returns frames written
   * @throws InputError `E_ARGUMENT` when `output` is too short
   */
  flush(output: Float32Array): number {
    const count = this.flushFrames();
    checkArg(output.length >= count * this.channels, 'output', `room for ${count} frames`, output);
    if (count > 0) {
      const last = this.hist.subarray((this.received - 1 - this.histStart) * this.channels);
      this.extendWith(last, 0, this.kernel.half, false);
      this.produce(count, output);
    }
    this.reset();
    return count;
  }

  /** Forgets all input; the next frame starts a new signal at output frame 0. */
  reset(): void {
    this.histStart = 0;
    this.received = 0;
    this.k = 0;
    this.phase = 0;
  }

  private get held(): number {
    return this.received - this.histStart;
  }

  private countUpTo(lastInput: number): number {
    const span = lastInput - this.k + 1;
    return span <= 0 ? 0 : Math.max(0, Math.ceil((span * this.l - this.phase) / this.m));
  }

  private reserve(frames: number): void {
    const need = (this.held + frames) * this.channels;
    if (this.hist.length >= need) return;
    const grown = new Float32Array(Math.max(need, 2 * this.hist.length));
    grown.set(this.hist.subarray(0, this.held * this.channels));
    this.hist = grown;
  }

  private append(input: Float32Array, frames: number): void {
    this.reserve(frames);
    this.hist.set(input.subarray(0, frames * this.channels), this.held * this.channels);
  }

  /** Adds `copies` copies of the frame at `src[frame]`: before the signal (start) or after it. */
  private extendWith(src: Float32Array, frame: number, copies: number, before: boolean): void {
    const nc = this.channels;
    const value = src.slice(frame * nc, frame * nc + nc);
    this.reserve(copies);
    const at = before ? 0 : this.held;
    for (let i = 0; i < copies; i++) this.hist.set(value, (at + i) * nc);
    if (before) this.histStart = -copies;
  }

  private produce(count: number, output: Float32Array): void {
    const nc = this.channels;
    const { table, taps, half, phases } = this.kernel;
    const hist = this.hist;
    const m = this.m;
    const l = this.l;
    let k = this.k;
    let phase = this.phase;
    const exact = this.exact;
    let o = 0;
    for (let j = 0; j < count; j++) {
      const base = (k - half + 1 - this.histStart) * nc;
      if (exact) {
        const row = phase * taps;
        for (let c = 0; c < nc; c++) output[o++] = dot(table, row, hist, base + c, taps, nc);
      } else {
        const pos = (phase * phases) / l;
        const p = Math.floor(pos);
        const f = pos - p;
        for (let c = 0; c < nc; c++) {
          const acc0 = dot(table, p * taps, hist, base + c, taps, nc);
          const acc1 = dot(table, (p + 1) * taps, hist, base + c, taps, nc);
          output[o++] = acc0 + f * (acc1 - acc0);
        }
      }
      phase += m;
      if (phase >= l) {
        const adv = Math.floor(phase / l);
        k += adv;
        phase -= adv * l;
      }
    }
    this.k = k;
    this.phase = phase;
    const drop = Math.min(k - half + 1 - this.histStart, this.held);
    if (drop > 0) {
      const keep = Math.max(0, this.held - drop);
      this.hist.copyWithin(0, drop * nc, (drop + keep) * nc);
      this.histStart += drop;
    }
  }
}
