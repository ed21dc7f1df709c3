import type { OperatorFunction } from 'rxjs';
import type { ChannelInfo, SampleBatch } from '../core/batch.js';
import { GravitySeparator, type GravityOptions } from '../dsp/gravity.js';
import { checkArg, InputError } from '../errors.js';
import { statefulOperator } from './stateful-operator.js';
import { checkBatchData, checkSameStream } from './stream-shape.js';

/**
 * Options of {@link separateGravity}.
 *
 * @example
 * ```ts
 * import { separateGravity } from 'scl-wear';
 * // Gravity of the phone's accelerometer channels only, 0.25 Hz 2nd-order low-pass.
 * const gravity$ = imu$.pipe(separateGravity({ output: 'gravity', channels: ['ax', 'ay', 'az'], cutoff: 0.25, order: 2 }));
 * ```
 */
export interface SeparateGravityOptions extends GravityOptions {
  /**
   * What replaces the accelerometer channels: `'body'` (body acceleration, same channel names),
   * `'gravity'` (the gravity estimate, same names), or `'both'` (default: body acceleration under
   * the same names, plus gravity appended as `gravity_<name>` channels after all others).
   */
  readonly output?: 'body' | 'gravity' | 'both';
  /** Names of the accelerometer channels (default `['ax', 'ay', 'az']`; all channels of an `acc` stream). */
  readonly channels?: readonly string[];
}

/**
 * Splits accelerometer channels into gravity (low-pass, default 0.3 Hz Butterworth of order 3,
 * as in UCI HAR) and body acceleration (total − gravity); other channels (gyroscope) pass
 * through. Units are kept (m/s² or g).
 *
 * The filter starts from the first frame's value and carries its state across batches, so
 * output is identical whatever the batch boundaries. A batch with `gapBefore` resets it (the
 * first frame after the gap becomes the gravity estimate). A non-finite accelerometer sample
 * gives NaN for that sample only; the estimate carries on from the samples around it.
 *
 * @param options - cut-off, order, output layout and channel names
 * @returns an operator from batches to batches (same rate and times)
 * @throws InputError `E_ARGUMENT` (at call) for a bad option; in the stream `E_SHAPE` when the
 *   accelerometer channels are missing or the channels change, `E_ARGUMENT` when the cut-off is
 *   not below half the rate, `E_RATE` when the rate changes
 * @example
 * ```ts
 * import { separateGravity } from 'scl-wear';
 * const body$ = imu$.pipe(separateGravity({ output: 'body' })); // ax, ay, az become body acceleration
 * ```
 */
export function separateGravity(options: SeparateGravityOptions = {}): OperatorFunction<SampleBatch, SampleBatch> {
  const output = options.output ?? 'both';
  checkArg(['body', 'gravity', 'both'].includes(output), 'output', '"body", "gravity" or "both"', output);
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let sep: GravitySeparator | undefined;
    let accIndex: number[] = [];
    let channels: readonly ChannelInfo[] = [];
    let acc = new Float32Array(0);
    let gravity = new Float32Array(0);
    return {
      next(batch, emit) {
        checkBatchData(batch, 'separateGravity');
        if (!first) {
          first = batch;
          accIndex = accChannels(batch, options.channels);
          sep = new GravitySeparator(batch.rate, accIndex.length, options);
          const grav = accIndex.map((i) => ({ ...batch.channels[i]!, name: `gravity_${batch.channels[i]!.name}` }));
          channels = output === 'both' ? [...batch.channels, ...grav] : batch.channels;
        }
        checkSameStream(first, batch, 'separateGravity');
        if (batch.gapBefore !== undefined && batch.gapBefore > 0) sep!.reset();
        const nc = batch.channels.length;
        const na = accIndex.length;
        const n = batch.length * na;
        if (acc.length < n) [acc, gravity] = [new Float32Array(n), new Float32Array(n)];
        for (let a = 0; a < na; a++) {
          const c = accIndex[a]!;
          for (let i = 0; i < batch.length; i++) acc[i * na + a] = batch.data[i * nc + c]!;
        }
        sep!.process(acc, gravity, acc, batch.length); // acc now holds body acceleration
        const oc = channels.length;
        const data = new Float32Array(batch.length * oc);
        for (let i = 0; i < batch.length; i++) for (let c = 0; c < nc; c++) data[i * oc + c] = batch.data[i * nc + c]!;
        for (let a = 0; a < na; a++) {
          const c = accIndex[a]!;
          for (let i = 0; i < batch.length; i++) {
            const j = i * na + a;
            data[i * oc + c] = output === 'gravity' ? gravity[j]! : acc[j]!;
            if (output === 'both') data[i * oc + nc + a] = gravity[j]!;
          }
        }
        emit({ ...batch, channels, data });
      },
    };
  });
}

function accChannels(batch: SampleBatch, names: readonly string[] | undefined): number[] {
  if (!names && batch.kind === 'acc') return batch.channels.map((_, i) => i);
  const wanted = names ?? ['ax', 'ay', 'az'];
  const index = wanted.map((n) => batch.channels.findIndex((c) => c.name === n));
  if (index.length === 0 || index.includes(-1)) {
    throw new InputError(
      'E_SHAPE',
      `separateGravity: the stream has no channels ${wanted.join(', ')} (has ${batch.channels.map((c) => c.name).join(', ')})`,
      {
        details: { wanted, got: batch.channels.map((c) => c.name) },
      },
    );
  }
  return index;
}
