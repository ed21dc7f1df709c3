import { map, type OperatorFunction } from 'rxjs';
import { checkBatch, type SampleBatch } from '../core/batch.js';
import { rotateTriad } from '../core/rotate-triad.js';
import { checkArg, InputError } from '../errors.js';

/** The 3-axis groups a rotation applies to, by channel name. */
const TRIADS = [
  ['ax', 'ay', 'az'],
  ['gx', 'gy', 'gz'],
] as const;

/**
 * Index of the first channel of each triad (`ax, ay, az`, `gx, gy, gz`) in a channel list.
 *
 * @param channels - the stream's channels
 * @param who - name for the message
 * @throws InputError `E_SHAPE` when the list has neither triad, or a triad out of order
 */
export function triadStarts(channels: SampleBatch['channels'], who: string): number[] {
  const names = channels.map((c) => c.name);
  const starts = TRIADS.map((t) => t.map((n) => names.indexOf(n)))
    .filter((ix) => ix.every((i) => i >= 0))
    .map((ix) => ix[0]!);
  const contiguous = TRIADS.every((t) => {
    const i = names.indexOf(t[0]);
    return i < 0 || (names[i + 1] === t[1] && names[i + 2] === t[2]);
  });
  if (!starts.length || !contiguous) {
    throw new InputError('E_SHAPE', `${who}: the stream needs ax, ay, az and/or gx, gy, gz in that order (has ${names.join(', ')})`);
  }
  return starts;
}

/**
 * Rotates the accelerometer (`ax, ay, az`) and gyroscope (`gx, gy, gz`) channels of every batch
 * by a fixed 3×3 matrix: `v' = R v` at every frame (e.g. device frame → body frame from an
 * orientation calibration). Other channels pass unchanged; each batch gets new `data`.
 *
 * @param rotation - 9 values, row-major (`v'[i] = Σ_j R[3i + j] v[j]`)
 * @throws InputError `E_ARGUMENT` (at call) for a matrix that is not 9 finite values; in the
 *   stream `E_SHAPE` when the stream has neither triad
 * @example
 * ```ts
 * import { calibrateOrientation } from 'scl-wear';
 * import { rotateTriads } from 'scl-wear/dsp';
 * const body$ = imu$.pipe(rotateTriads(calibration.rotation));
 * ```
 */
export function rotateTriads(rotation: ArrayLike<number>): OperatorFunction<SampleBatch, SampleBatch> {
  checkArg(rotation.length === 9 && Array.from(rotation).every(Number.isFinite), 'rotation', 'a 3×3 matrix of 9 finite values', rotation);
  const r = Float64Array.from(rotation);
  const plans = new WeakMap<SampleBatch['channels'], number[]>();
  return map((batch) => {
    checkBatch(batch, 'rotateTriads');
    let starts = plans.get(batch.channels);
    if (!starts) {
      starts = triadStarts(batch.channels, 'rotateTriads');
      plans.set(batch.channels, starts);
    }
    const nc = batch.channels.length;
    const data = batch.data.slice();
    const frames = data.length / nc;
    for (const c of starts) rotateTriad(data, data, c, 1, nc, frames, r, 0);
    return { ...batch, data };
  });
}
