import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { encodeWindows } from './encode-windows.js';
import type { EmbeddingResult, Encoder } from './encoder.js';
import { modelInput, type ModelInputOptions } from './model-input.js';

/**
 * Options of {@link embed}: the hop between window starts in seconds and an optional
 * device-to-body rotation.
 *
 * @example
 * ```ts
 * import { createEncoder, embed, type EmbedOptions } from 'scl-wear';
 * const options: EmbedOptions = { hopSeconds: 0.5 };
 * ecg$.pipe(embed(await createEncoder({ model: 'ecg' }), options)).subscribe(console.log);
 * ```
 */
export type EmbedOptions = ModelInputOptions;

/**
 * Embeds a live stream: prepares it as the model's manifest asks (resampling, filtering,
 * gravity, orientation, windowing; see {@link modelInput}), runs each window through the
 * encoder and emits one {@link EmbeddingResult} per window, in order, with its time span and
 * its `inv` / `var` / `free` dimensions.
 *
 * @param encoder - an encoder from `createEncoder`
 * @param options - hop (seconds) and orientation
 * @returns an operator from batches to embeddings
 * @throws InputError `E_ARGUMENT` (at call) for bad options; in the stream the errors of the
 *   preprocessing stages and of the encoder (ModelError `E_WORKER` when its worker died and
 *   restart is off)
 * @example
 * ```ts
 * import { createEncoder, embed } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'ecg' });
 * ecg$.pipe(embed(encoder, { hopSeconds: 1 })).subscribe((e) => store(e.t0, e.inv));
 * ```
 * @see {@link classify}
 */
export function embed(encoder: Encoder, options: EmbedOptions = {}): OperatorFunction<SampleBatch, EmbeddingResult> {
  const input = modelInput(encoder.entry, options);
  return (source) => source.pipe(input, encodeWindows(encoder, 'embed'));
}
