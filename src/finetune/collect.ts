import { lastValueFrom, toArray, type OperatorFunction } from 'rxjs';
import { TrainingError } from '../errors.js';
import type { SampleBatch } from '../core/batch.js';
import type { EmbeddingResult } from '../model/encoder.js';
import type { WearDb } from '../storage/wear-db.js';
import { getSession } from '../storage/sessions.js';
import { listLabels } from '../storage/labels.js';
import { replaySession } from '../storage/replay-session.js';
import { DEFAULT_PARTS, featuresOf, type FeatureParts, type FineTuneExamples } from './examples.js';

/**
 * Options of {@link collectExamples}: the stream, the classes, the embedding groups and the
 * share of a window a label must cover.
 *
 * @example
 * ```ts
 * import { embed } from 'scl-wear';
 * import { collectExamples, type CollectOptions } from 'scl-wear/advanced';
 * const options: CollectOptions = { stream: 'imu', classes: ['walk', 'stairs'], minCover: 0.8 };
 * const examples = await collectExamples(db, sessionIds, embed(encoder), options);
 * ```
 */
export interface CollectOptions {
  /** Stream to read; default each session's only stream. */
  stream?: string;
  /** Classes to keep, in this order; default every activity label found, in order of first use. */
  classes?: readonly string[];
  /** Embedding groups making the features; default `['inv', 'free']`. */
  parts?: FeatureParts;
  /** Share of a window that must lie in one label's interval, in (0, 1]; default 1 (wholly inside). */
  minCover?: number;
}

/**
 * Examples with where each came from: the session and the window's span in seconds.
 *
 * @example
 * ```ts
 * import { embed } from 'scl-wear';
 * import { collectExamples, type CollectedExamples } from 'scl-wear/advanced';
 * const examples: CollectedExamples = await collectExamples(db, sessionIds, embed(encoder));
 * examples.sources.forEach((s, i) => console.log(s.session, s.t0, examples.classes[examples.y[i]!]));
 * ```
 */
export interface CollectedExamples extends FineTuneExamples {
  /** Session and window times (seconds) of each example. */
  readonly sources: readonly { readonly session: string; readonly t0: number; readonly t1: number }[];
}

/**
 * Builds fine-tuning examples from recorded, labelled sessions: replays each session through
 * `embed` (the same preprocessing, windowing and encoder as live use), and labels each window
 * with the activity interval that covers it. Windows outside every interval are left out; an
 * activity still open runs to the end of the stream.
 *
 * @param db - the open database
 * @param sessions - session ids
 * @param embed - operator turning batches into embeddings, e.g. `embed(encoder)`
 * @param options - stream, classes, features, coverage
 * @throws TrainingError `E_DATA` when no labelled window is found; StorageError `E_NOT_FOUND`
 * @example
 * ```ts
 * import { embed, fineTune } from 'scl-wear';
 * import { collectExamples } from 'scl-wear/advanced';
 * const examples = await collectExamples(db, [sessionId], embed(encoder));
 * await fineTune(db, examples, { model: 'imu' });
 * ```
 */
export async function collectExamples(
  db: WearDb,
  sessions: readonly string[],
  embed: OperatorFunction<SampleBatch, EmbeddingResult>,
  options: CollectOptions = {},
): Promise<CollectedExamples> {
  const minCover = options.minCover ?? 1;
  const classes = options.classes ? [...options.classes] : [];
  const fixed = options.classes !== undefined;
  const kept: EmbeddingResult[] = [];
  const y: number[] = [];
  const sources: { session: string; t0: number; t1: number }[] = [];
  for (const id of sessions) {
    const s = await getSession(db, id);
    const stream = options.stream ?? Object.keys(s.streams)[0];
    if (stream === undefined) continue;
    const end = s.streams[stream]?.tEnd ?? 0;
    const labels = (await listLabels(db, id))
      .filter((l) => l.kind === 'activity')
      .map((l) => ({ label: l.label, start: l.start, end: l.end ?? end }));
    const results = await lastValueFrom(replaySession(db, id, { streams: [stream] }).pipe(embed, toArray()));
    for (const r of results) {
      let best: string | undefined;
      let bestCover = 0;
      for (const l of labels) {
        const cover = (Math.min(r.t1, l.end) - Math.max(r.t0, l.start)) / (r.t1 - r.t0);
        if (cover >= minCover - 1e-9 && cover > bestCover) [best, bestCover] = [l.label, cover];
      }
      if (best === undefined) continue;
      let c = classes.indexOf(best);
      if (c < 0) {
        if (fixed) continue;
        c = classes.push(best) - 1;
      }
      kept.push(r);
      y.push(c);
      sources.push({ session: id, t0: r.t0, t1: r.t1 });
    }
  }
  if (kept.length === 0)
    throw new TrainingError('E_DATA', 'no window of these sessions lies inside a labelled activity', { details: { sessions } });
  const { x, dim } = featuresOf(kept, options.parts ?? DEFAULT_PARTS);
  return { dim, classes, x, y: Uint16Array.from(y), sources };
}
