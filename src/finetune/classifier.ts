import { InputError, TrainingError } from '../errors.js';
import type { EmbeddingResult } from '../model/encoder.js';
import type { CheckpointRecord } from '../storage/schema.js';
import type { WearDb } from '../storage/wear-db.js';
import { activeCheckpoint, getCheckpoint } from '../storage/checkpoints.js';
import { headProbs, headScratch, paramCount } from './head.js';
import type { HeadParams } from './types.js';

/**
 * A class given by a fine-tuned head: the probabilities in the head's class order, and the
 * index and name of the most probable class.
 *
 * @example
 * ```ts
 * import { headClassifier, type HeadPrediction } from 'scl-wear';
 * const head = headClassifier(checkpoint);
 * const predictions: HeadPrediction[] = head.classify(await encoder.embed(windows));
 * for (const p of predictions) console.log(p.label, p.probs[p.labelIndex]);
 * ```
 */
export interface HeadPrediction {
  /** Class probabilities in the head's class order. */
  readonly probs: Float32Array;
  readonly labelIndex: number;
  readonly label: string;
}

/**
 * A fine-tuned head ready to classify embeddings.
 *
 * @example
 * ```ts
 * import { headClassifier, type HeadClassifier } from 'scl-wear';
 * const head: HeadClassifier = headClassifier(checkpoint);
 * console.log(`${head.id} on ${head.model}: ${head.classes.join(', ')}`);
 * ```
 */
export interface HeadClassifier {
  /** Checkpoint id. */
  readonly id: string;
  /** Encoder the head belongs to. */
  readonly model: string;
  readonly classes: readonly string[];
  /**
   * Classifies encoder outputs.
   *
   * @throws InputError `E_SHAPE` when an embedding does not have the head's input size
   */
  classify(results: readonly EmbeddingResult[]): HeadPrediction[];
}

/**
 * Builds a classifier from a checkpoint saved by `fineTune`.
 *
 * @param checkpoint - the checkpoint
 * @throws TrainingError `E_CHECKPOINT` when the checkpoint's head is malformed
 * @example
 * ```ts
 * import { headClassifier } from 'scl-wear';
 * import { getCheckpoint } from 'scl-wear/advanced';
 * const head = headClassifier(await getCheckpoint(db, id));
 * const [{ label }] = head.classify(await encoder.embed([window]));
 * ```
 */
export function headClassifier(checkpoint: CheckpointRecord): HeadClassifier {
  const h = checkpoint.head as HeadParams;
  const s = h?.shape;
  const ok =
    s &&
    h.params instanceof Float32Array &&
    h.params.length === paramCount(s) &&
    h.mean?.length === s.inputDim &&
    h.std?.length === s.inputDim &&
    s.classes === checkpoint.classes.length &&
    Array.isArray(h.parts);
  if (!ok)
    throw new TrainingError('E_CHECKPOINT', `checkpoint ${checkpoint.id} does not hold a valid head`, {
      details: { checkpoint: checkpoint.id },
    });
  const sc = headScratch(s);
  const row = new Float32Array(s.inputDim);
  return {
    id: checkpoint.id,
    model: checkpoint.model,
    classes: checkpoint.classes,
    classify(results) {
      return results.map((r) => {
        const n = h.parts.reduce((k, part) => k + r[part].length, 0);
        if (n !== s.inputDim) throw new InputError('E_SHAPE', `embedding gives ${n} features; head ${checkpoint.id} reads ${s.inputDim}`);
        let o = 0;
        for (const part of h.parts) {
          const v = r[part];
          for (let j = 0; j < v.length; j++, o++) row[o] = (v[j]! - h.mean[o]!) / h.std[o]!;
        }
        const p = Float32Array.from(headProbs(s, h.params, row, 0, sc));
        let arg = 0;
        for (let c = 1; c < p.length; c++) if (p[c]! > p[arg]!) arg = c;
        return { probs: p, labelIndex: arg, label: checkpoint.classes[arg]! };
      });
    },
  };
}

/**
 * The active fine-tuned head of a model, or null when the model's built-in head is in use.
 *
 * @param db - the open database
 * @param model - encoder name, e.g. `imu`
 * @throws StorageError `E_NOT_FOUND` when the active checkpoint was deleted; TrainingError `E_CHECKPOINT`
 * @example
 * ```ts
 * import { activeHead } from 'scl-wear/advanced';
 * const head = await activeHead(db, 'imu');
 * const labels = head ? head.classify(results).map((p) => p.label) : results.map((r) => r.label);
 * ```
 */
export async function activeHead(db: WearDb, model: string): Promise<HeadClassifier | null> {
  const id = await activeCheckpoint(db, model);
  return id === null ? null : headClassifier(await getCheckpoint(db, id));
}
