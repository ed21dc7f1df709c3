import { map, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import type { SampleWindow } from '../core/window.js';
import { checkArg, InputError } from '../errors.js';
import { iirFilter } from '../streams/iir-filter.js';
import { resample } from '../streams/resample.js';
import { separateGravity } from '../streams/separate-gravity.js';
import { slidingWindow } from '../streams/sliding-window.js';
import type { ModelEntry } from './manifest.js';
import { rotateTriads } from './rotate-triads.js';

/**
 * Options of {@link modelInput} (and of the `embed` / `classify` operators).
 *
 * @example
 * ```ts
 * import type { ModelInputOptions } from 'scl-wear';
 * import { modelInput } from 'scl-wear/advanced';
 * const options: ModelInputOptions = { hopSeconds: 1, orientation: calibration.rotation };
 * imu$.pipe(modelInput(encoder.entry, options)).subscribe((w) => console.log(w.seq, w.t0));
 * ```
 */
export interface ModelInputOptions {
  /** Seconds between window starts (default: the window length, no overlap). */
  hopSeconds?: number;
  /**
   * Device-to-body rotation (9 values, row-major) from an orientation calibration
   * (`calibrateOrientation(...).rotation`); only for models whose manifest says
   * `calibration: 'orientation'`.
   */
  orientation?: ArrayLike<number>;
}

/**
 * Hop in frames at the model rate for `hopSeconds` (at least 1).
 *
 * @throws InputError `E_ARGUMENT` when `hopSeconds` is not a positive finite number of seconds
 */
export function hopFrames(entry: ModelEntry, hopSeconds: number | undefined): number {
  if (hopSeconds === undefined) return entry.windowSamples;
  checkArg(Number.isFinite(hopSeconds) && hopSeconds > 0, 'hopSeconds', 'a positive number of seconds', hopSeconds);
  return Math.max(1, Math.round(hopSeconds * entry.sampleRate));
}

/**
 * Share of the lowest accepted rate still let through: a device's nominal rate estimated from
 * its timestamps may read a little low (a 20 Hz phone as 19.6 Hz).
 */
const RATE_SLACK = 0.95;

/**
 * Fails a stream sampled below the model's accepted input rates (`acceptedRateHz`): its windows
 * lack the motion the model was trained to read, and resampling cannot bring it back. Faster
 * streams pass (they are resampled down like any other).
 */
function acceptedRate(entry: ModelEntry, low: number): OperatorFunction<SampleBatch, SampleBatch> {
  return map((b) => {
    if (b.rate >= low * RATE_SLACK) return b;
    throw new InputError(
      'E_RATE',
      `${b.kind} stream at ${b.rate} Hz is below the ${low} Hz that model ${entry.file} accepts at least; record at ${low} Hz or more`,
      { details: { rate: b.rate, accepted: entry.acceptedRateHz } },
    );
  });
}

/**
 * Everything a stream goes through before a model, as its manifest entry says: resampling to
 * the model rate, the band-pass, gravity removal, the orientation rotation, then windows of
 * the model's length every `hopSeconds`. Units, per-window normalisation and the tensor layout
 * are applied by the encoder itself.
 *
 * @param entry - the model's manifest entry
 * @param options - hop and orientation
 * @throws InputError `E_ARGUMENT` (at call) for a bad hop, or an orientation for a model not
 *   trained for calibrated input; in the stream `E_RATE` for a stream slower than the lowest of
 *   the manifest's `acceptedRateHz` (less 5 %), and the errors of the stages
 * @example
 * ```ts
 * import { modelInput } from 'scl-wear/advanced';
 * imu$.pipe(modelInput(encoder.entry, { hopSeconds: 1 })).subscribe((w) => console.log(w.t0));
 * ```
 */
export function modelInput(entry: ModelEntry, options: ModelInputOptions = {}): OperatorFunction<SampleBatch, SampleWindow> {
  const hop = hopFrames(entry, options.hopSeconds);
  const p = entry.preprocessing;
  checkArg(
    options.orientation === undefined || p.calibration === 'orientation',
    'orientation',
    `absent: model ${entry.file} was not trained for orientation-calibrated input`,
    'a rotation',
  );
  const low = entry.acceptedRateHz?.[0];
  const stages: OperatorFunction<SampleBatch, SampleBatch>[] = low === undefined ? [] : [acceptedRate(entry, low)];
  stages.push(resample(entry.sampleRate));
  if (p.bandpassHz) stages.push(iirFilter({ type: 'bandpass', low: p.bandpassHz[0], high: p.bandpassHz[1] }));
  if (p.gravity === 'remove') stages.push(separateGravity({ output: 'body', ...(p.gravityCutoffHz ? { cutoff: p.gravityCutoffHz } : {}) }));
  if (options.orientation) stages.push(rotateTriads(options.orientation));
  const window = slidingWindow(entry.windowSamples, hop);
  return (source) => stages.reduce((s, op) => s.pipe(op), source).pipe(window);
}
