import type { SampleBatch } from '../core/batch.js';
import { InputError } from '../errors.js';

/**
 * Checks that `batch` continues the stream that `first` started: same kind and channels
 * (names and units) and the same rate. Internal helper of the stream operators.
 *
 * @param first - the stream's first batch
 * @param batch - a later batch
 * @param where - the operator's name, for the message
 * @throws InputError `E_SHAPE` when kind or channels change, `E_RATE` when the rate changes,
 *   `E_SHAPE` when `data` does not hold `length` frames
 */
export function checkSameStream(first: SampleBatch, batch: SampleBatch, where: string): void {
  checkBatchData(batch, where);
  if (batch === first) return;
  if (batch.rate !== first.rate) {
    throw new InputError('E_RATE', `${where}: rate changed from ${first.rate} Hz to ${batch.rate} Hz at batch ${batch.seq}`, {
      details: { expected: first.rate, got: batch.rate, seq: batch.seq },
    });
  }
  const same =
    batch.kind === first.kind &&
    batch.channels.length === first.channels.length &&
    batch.channels.every((c, i) => c.name === first.channels[i]!.name && c.unit === first.channels[i]!.unit);
  if (!same) {
    throw new InputError('E_SHAPE', `${where}: stream changed from ${describe(first)} to ${describe(batch)} at batch ${batch.seq}`, {
      details: { expected: describe(first), got: describe(batch), seq: batch.seq },
    });
  }
}

/**
 * Checks that a batch's data and timestamps hold exactly `length` frames.
 *
 * @param batch - the batch
 * @param where - the operator's name, for the message
 * @throws InputError `E_SHAPE` otherwise, also for a value that is not a batch at all (null,
 *   no `Float32Array` data, no channels)
 */
export function checkBatchData(batch: SampleBatch, where: string): void {
  const b = batch as Partial<SampleBatch> | null | undefined;
  if (typeof b !== 'object' || b === null || !(b.data instanceof Float32Array) || !Array.isArray(b.channels)) {
    const got = b === null ? 'null' : typeof b !== 'object' ? typeof b : !(b.data instanceof Float32Array) ? 'an item without Float32Array data' : 'an item without channels';
    throw new InputError('E_SHAPE', `${where}: expected a batch of samples (channels, Float32Array data, length); got ${got}`, { details: { got } });
  }
  const nc = batch.channels.length;
  const details = { seq: batch.seq, values: batch.data.length, timestamps: batch.timestamps?.length, length: batch.length, channels: nc };
  if (!(nc > 0 && Number.isInteger(batch.length) && batch.data.length === batch.length * nc)) {
    throw new InputError('E_SHAPE', `${where}: batch ${batch.seq} has ${batch.data.length} values for ${batch.length} frames of ${nc} channels`, { details });
  }
  if (batch.timestamps !== undefined && batch.timestamps.length !== batch.length) {
    throw new InputError('E_SHAPE', `${where}: batch ${batch.seq} has ${batch.timestamps.length} timestamps for ${batch.length} frames`, { details });
  }
}

function describe(b: SampleBatch): string {
  return `${b.kind} [${b.channels.map((c) => `${c.name} ${c.unit}`).join(', ')}]`;
}
