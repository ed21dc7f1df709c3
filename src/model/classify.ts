import { defer, map, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { ModelError } from '../errors.js';
import { encodeWindows } from './encode-windows.js';
import type { ClassResult, Encoder } from './encoder.js';
import { hopFrames, modelInput, type ModelInputOptions } from './model-input.js';
import { ClassSmoother, type SmoothingOptions } from './smoothing.js';

/** Options of {@link classify}. */
export interface ClassifyOptions extends ModelInputOptions {
  /** Smooth over consecutive windows (a number means that many windows, mean probabilities). */
  smoothing?: number | SmoothingOptions;
}

/**
 * Classifies a live stream: like {@link embed}, and each result also carries the class
 * probabilities and label, optionally smoothed over the last windows.
 *
 * @param encoder - an encoder whose model has classes
 * @param options - hop (seconds), orientation and smoothing
 * @returns an operator from batches to class results
 * @throws ModelError `E_MODEL_SPEC` (at call) when the model has no classes; InputError
 *   `E_ARGUMENT` for bad options; in the stream the errors of the stages and the encoder
 * @example
 * ```ts
 * import { classify, createEncoder } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'imu' });
 * imu$.pipe(classify(encoder, { smoothing: { windows: 3, method: 'majority' } }))
 *   .subscribe((r) => console.log(r.t0, r.label));
 * ```
 */
export function classify(encoder: Encoder, options: ClassifyOptions = {}): OperatorFunction<SampleBatch, ClassResult> {
  const entry = encoder.entry;
  if (!entry.outputs.logits || !entry.classes?.length) throw new ModelError('E_MODEL_SPEC', `${entry.file} has no class output; use embed()`);
  const input = modelInput(entry, options);
  const s = options.smoothing;
  const smoothing = s === undefined ? undefined : typeof s === 'number' ? { windows: s } : s;
  const step = (1.5 * hopFrames(entry, options.hopSeconds)) / entry.sampleRate;
  if (smoothing) new ClassSmoother(entry.classes, smoothing, step); // checks the options now
  return (source) => {
    const results = source.pipe(input, encodeWindows(encoder, 'classify'));
    if (!smoothing) return results;
    return defer(() => {
      const smoother = new ClassSmoother(entry.classes!, smoothing, step); // one per subscription
      return results.pipe(map((r) => smoother.push(r)));
    });
  };
}
