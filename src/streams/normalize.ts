import type { MonoTypeOperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import type { SampleWindow } from '../core/window.js';
import { RunningStats, standardize } from '../dsp/running-stats.js';
import { checkArg } from '../errors.js';
import { statefulOperator } from './stateful-operator.js';
import { checkBatchData } from './stream-shape.js';

/**
 * Options of {@link normalize}.
 *
 * @example
 * ```ts
 * import { normalize } from 'scl-wear';
 * const z$ = imu$.pipe(normalize({ mode: 'running', minStd: 1e-3 })); // z-score by all frames so far
 * ```
 */
export interface NormalizeOptions {
  /**
   * `'window'` (default): each window (or batch) is standardised per channel by its own mean and
   * standard deviation. `'running'`: by the statistics of every frame so far (Welford).
   */
  readonly mode?: 'window' | 'running';
  /** Smallest standard deviation divided by, in the signal's unit (default 1e-6); a flat signal becomes 0. */
  readonly minStd?: number;
}

/**
 * Standardises each channel to zero mean and unit (population) standard deviation:
 * `(x − mean) / max(std, minStd)`. Output items are copies; inputs are never modified.
 *
 * In `'running'` mode on batches each frame uses the statistics of all frames up to and
 * including it (causal, identical for any batching), and a batch with `gapBefore` starts the
 * statistics again. On windows each frame is counted once (overlaps are recognised by
 * `start`) and a window is standardised by the statistics up to its last frame, which keeps its
 * shape. A non-finite sample comes out NaN; in `'running'` mode it is kept out of the
 * statistics, so the frames after it are unaffected.
 *
 * @param options - mode and minimum standard deviation
 * @returns an operator over batches or windows
 * @throws InputError `E_ARGUMENT` (at call) for a bad option; in the stream `E_SHAPE` for an
 *   item whose data does not hold `length` frames of its channels
 * @example
 * ```ts
 * import { normalize, slidingWindow } from 'scl-wear';
 * const windows$ = imu$.pipe(slidingWindow(128, 64), normalize()); // per-window z-score
 * ```
 */
export function normalize<T extends SampleBatch | SampleWindow>(options: NormalizeOptions = {}): MonoTypeOperatorFunction<T> {
  const mode = options.mode ?? 'window';
  const minStd = options.minStd ?? 1e-6;
  checkArg(mode === 'window' || mode === 'running', 'mode', '"window" or "running"', mode);
  checkArg(Number.isFinite(minStd) && minStd > 0, 'minStd', 'a positive number', minStd);
  return statefulOperator<T, T>(() => {
    let stats: RunningStats | undefined;
    let seen = 0; // windows: stream frames already counted
    return {
      next(item, emit) {
        checkBatchData(item, 'normalize');
        const nc = item.channels.length;
        const data = new Float32Array(item.data.length);
        if (mode === 'window') standardize(item.data, data, nc, minStd);
        else if (!('start' in item)) {
          if (!stats || stats.channels !== nc || (item.gapBefore !== undefined && item.gapBefore > 0)) stats = new RunningStats(nc);
          stats.standardize(item.data, data, minStd, item.length);
        } else {
          if (!stats || stats.channels !== nc) stats = new RunningStats(nc);
          const fresh = Math.max(0, item.start + item.length - Math.max(seen, item.start));
          stats.update(item.data, fresh, item.length - fresh);
          seen = Math.max(seen, item.start + item.length);
          for (let c = 0; c < nc; c++) {
            const mean = stats.mean(c);
            const scale = 1 / Math.max(stats.std(c), minStd);
            for (let j = c; j < data.length; j += nc) data[j] = (item.data[j]! - mean) * scale;
          }
        }
        emit({ ...item, data });
      },
    };
  });
}
