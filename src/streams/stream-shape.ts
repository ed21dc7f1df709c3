import { checkBatch, type SampleBatch } from '../core/batch.js';
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
 * Checks that a batch's data and timestamps hold exactly `length` frames (see
 * {@link checkBatch}).
 *
 * @param batch - the batch
 * @param where - the operator's name, for the message
 * @throws InputError `E_SHAPE` otherwise, also for a value that is not a batch at all
 */
export function checkBatchData(batch: SampleBatch, where: string): void {
  checkBatch(batch, where);
}

/**
 * Checks that an event of a beat stream (an R-peak, an RR interval) is an object whose named
 * fields are finite numbers.
 *
 * @param value - the value received
 * @param fields - the numeric fields it must have
 * @param where - the operator's name, for the message
 * @throws InputError `E_SHAPE` for a non-object, `E_NAN` for a field that is not a finite number
 */
export function checkEvent(value: unknown, fields: readonly string[], where: string): void {
  if (typeof value !== 'object' || value === null) {
    throw new InputError(
      'E_SHAPE',
      `${where}: expected an object with ${fields.join(', ')}; got ${value === null ? 'null' : typeof value}`,
      { details: { fields } },
    );
  }
  for (const f of fields) {
    const v = (value as Record<string, unknown>)[f];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError('E_NAN', `${where}: ${f} must be a finite number of seconds; got ${String(v)}`, { details: { field: f } });
    }
  }
}

function describe(b: SampleBatch): string {
  return `${b.kind} [${b.channels.map((c) => `${c.name} ${c.unit}`).join(', ')}]`;
}
