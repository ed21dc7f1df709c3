import * as tf from '@tensorflow/tfjs';
import { checkArg } from '../errors.js';

/**
 * Beat-aligned input crop computed inside an ECG encoder (all in samples). The model finds the
 * largest QRS energy (squared first difference of the first channel, averaged over
 * `ALIGN_SMOOTH` (11) differences) among the centres `before … before + search − 1` and feeds
 * its convolution stack the `length` samples starting `before` samples ahead of that centre.
 * The crop therefore starts at `argmax ∈ [0, search)`: windows of the same record cut a fraction
 * of a cardiac cycle apart give crops starting at the same beat (or the next one).
 *
 * @example
 * ```ts
 * import { ecgSpec, type AlignCrop } from 'scl-wear/train';
 * const alignCrop: AlignCrop = { search: 195, before: 13, length: 325 }; // 1.5 s, 100 ms, 2.5 s at 130 Hz
 * const spec = { ...ecgSpec(), alignCrop };
 * ```
 */
export interface AlignCrop {
  /** Candidate QRS centres searched (from `before` on); at 130 Hz, 195 covers RR up to 1.5 s. */
  readonly search: number;
  /** Samples kept ahead of the QRS centre, so the whole QRS lies in the crop (at least 6). */
  readonly before: number;
  /** Samples of the crop fed to the convolution stack (`search + length ≤ samples`). */
  readonly length: number;
}

/** Squared first differences averaged per QRS-energy value (11 at 130 Hz: about 80 ms). */
export const ALIGN_SMOOTH = 11;

/**
 * The ECG encoder's crop (130 Hz windows of 520 samples): search 195 samples (1.5 s, heart rates
 * down to 40 bpm), 13 samples (100 ms) ahead of the QRS centre, a crop of 325 samples (2.5 s).
 */
export const ALIGN_DEFAULTS: AlignCrop = { search: 195, before: 13, length: 325 };

/** The control of {@link ALIGN_DEFAULTS}: one candidate, so the crop is always the window's first 325 samples. */
export const FIXED_CROP: AlignCrop = { ...ALIGN_DEFAULTS, search: 1 };

/** First difference index of the energy search: energy value k is centred on sample `k + before`. */
export function alignOffset(a: AlignCrop): number {
  return a.before - (ALIGN_SMOOTH - 1) / 2 - 1;
}

/**
 * Checks a crop against the window length and names the first bad field.
 *
 * @throws InputError `E_ARGUMENT`
 */
export function checkAlign(a: AlignCrop, samples: number): void {
  const minBefore = (ALIGN_SMOOTH - 1) / 2 + 1;
  checkArg(Number.isInteger(a.before) && a.before >= minBefore, 'spec.alignCrop.before', `an integer ≥ ${minBefore}`, a.before);
  checkArg(Number.isInteger(a.search) && a.search > 0, 'spec.alignCrop.search', 'a positive integer', a.search);
  checkArg(
    Number.isInteger(a.length) && a.length > 0 && a.search - 1 + a.length <= samples,
    'spec.alignCrop.length',
    `a positive integer ≤ ${samples - a.search + 1} (search − 1 + length ≤ samples)`,
    a.length,
  );
  checkArg(
    alignOffset(a) + a.search + ALIGN_SMOOTH - 1 <= samples - 1,
    'spec.alignCrop.search',
    `before + search + ${(ALIGN_SMOOTH - 1) / 2} ≤ samples`,
    a.search,
  );
}

/**
 * Crop start of each window `[batch]` (int32, in `[0, search)`): the argmax of the QRS energy.
 * No gradient flows through it (nothing trainable comes before it).
 */
export function alignStarts(a: AlignCrop, x: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const [batch, , samples] = x.shape;
    const first = x.slice([0, 0, 0], [batch, 1, samples]);
    const diff = first.slice([0, 0, 1], [batch, 1, samples - 1]).sub(first.slice([0, 0, 0], [batch, 1, samples - 1]));
    const seg = diff.slice([0, 0, alignOffset(a)], [batch, 1, a.search + ALIGN_SMOOTH - 1]).square();
    const box = tf.fill([ALIGN_SMOOTH, 1, 1], 1 / ALIGN_SMOOTH);
    const energy = tf.conv1d(seg.transpose<tf.Tensor3D>([0, 2, 1]), box as tf.Tensor3D, 1, 'valid');
    return energy.reshape<tf.Tensor2D>([batch, a.search]).argMax<tf.Tensor1D>(1);
  });
}

/**
 * The beat-aligned crop `[batch, channels, length]` of windows `[batch, channels, samples]`
 * (every channel cut at the start found on the first).
 */
export function alignedCrop(a: AlignCrop, x: tf.Tensor3D): tf.Tensor3D {
  const [batch, channels, samples] = x.shape;
  const starts = alignStarts(a, x);
  // Flat indices (b · channels + c) · samples + start_b + l (gather with batchDims is unreliable on wasm).
  const idx = tf.tidy(() => {
    const rows = tf
      .range(0, batch * channels, 1, 'int32')
      .mul(tf.scalar(samples, 'int32'))
      .reshape([batch, channels, 1]);
    const from = starts.reshape([batch, 1, 1]);
    return rows.add(from).add(tf.range(0, a.length, 1, 'int32').reshape([1, 1, a.length]));
  });
  const crop = tf.gather(x.reshape([batch * channels * samples]), idx) as tf.Tensor3D;
  starts.dispose();
  idx.dispose();
  return crop;
}
