import { BiquadCascade } from './biquad-cascade.js';
import { designLowpass } from './biquad-design.js';

/**
 * Options of {@link GravitySeparator}.
 *
 * @example
 * ```ts
 * import { GravitySeparator } from 'scl-wear/dsp';
 * const sep = new GravitySeparator(100, 3, { cutoff: 0.25, order: 2 }); // 100 Hz, 3 axes
 * ```
 * @example
 * ```ts
 * import { separateGravity, type GravityOptions } from 'scl-wear';
 * const slowGravity: GravityOptions = { cutoff: 0.25, order: 2 }; // Hz
 * const body$ = imu$.pipe(separateGravity({ ...slowGravity, output: 'body' }));
 * ```
 */
export interface GravityOptions {
  /** Cut-off of the gravity low-pass in Hz (default 0.3, as in the UCI HAR dataset). */
  readonly cutoff?: number;
  /** Butterworth order of the low-pass (default 3). */
  readonly order?: number;
}

/**
 * Splits accelerometer samples into gravity (a Butterworth low-pass, default 0.3 Hz, 3rd order)
 * and body acceleration (`total − gravity`), per channel, over interleaved frames.
 *
 * The low-pass starts from the first frame's value (gravity = first frame, body = 0), so a
 * device at rest does not show a burst of body acceleration at start; `reset` starts again.
 * State is carried across calls: output is the same however the signal is cut into batches.
 * A non-finite sample gives NaN gravity and body for that sample only; the estimate carries on
 * from the samples around it (see `BiquadCascade`), and the start uses each channel's first
 * finite value.
 *
 * @example
 * ```ts
 * import { GravitySeparator } from 'scl-wear/dsp';
 * const sep = new GravitySeparator(50, 3);
 * const gravity = new Float32Array(batch.data.length);
 * const body = new Float32Array(batch.data.length);
 * sep.process(batch.data, gravity, body);
 * ```
 */
export class GravitySeparator {
  /** Number of interleaved channels. */
  readonly channels: number;
  private readonly lowpass: BiquadCascade;
  private fresh = true;

  /**
   * @param rate - sample rate in Hz
   * @param channels - interleaved accelerometer channels (usually 3)
   * @param options - cut-off and order
   * @throws InputError `E_ARGUMENT` when the cut-off is not below rate/2 or an argument is invalid
   */
  constructor(rate: number, channels = 3, options: GravityOptions = {}) {
    this.channels = channels;
    this.lowpass = new BiquadCascade(designLowpass(options.cutoff ?? 0.3, rate, options.order ?? 3), channels);
  }

  /**
   * Separates `frames` frames of `input` into `gravity` and `body` (same layout, same unit).
   *
   * @param input - interleaved total acceleration
   * @param gravity - destination of the gravity estimate
   * @param body - destination of the body acceleration (may be `input`)
   * @param frames - frames to process, default all of `input`
   */
  process(input: Float32Array, gravity: Float32Array, body: Float32Array, frames = Math.floor(input.length / this.channels)): void {
    if (frames === 0) return;
    if (this.fresh) this.lowpass.primeFromFirstFinite(input, frames);
    this.fresh = false;
    this.lowpass.process(input, gravity, frames);
    const n = frames * this.channels;
    for (let i = 0; i < n; i++) body[i] = input[i]! - gravity[i]!;
  }

  /** Forgets the state; the next frame is taken as the new gravity estimate. */
  reset(): void {
    this.lowpass.reset();
    this.fresh = true;
  }
}
