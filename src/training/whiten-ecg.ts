import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ECG_RATE, loadEcgSplit } from './ecg-data.js';
import { loadLudbTraining } from './ludb-train.js';
import { openOnnxModel } from './onnx-model.js';
import { invMapOnnx } from './onnx/inv-map.js';
import { fitRecordWhitening, type RecordWhiteningOptions } from './record-whitening.js';

/** What {@link whitenEcgModel} fitted, for the manifest. */
export interface WhiteningSummary {
  readonly method: 'within-record whitening of z_inv';
  readonly alpha: number;
  readonly shiftWeight: number;
  readonly data: string;
  readonly records: number;
  readonly windows: number;
}

/**
 * Fits {@link fitRecordWhitening} for an exported ECG encoder on the training records (MIT-BIH
 * DS1, and LUDB's training subjects, every lead a record, when `ludb/` is in the data folder) and
 * appends the map to the model ({@link invMapOnnx}).
 *
 * @param bytes - the exported (possibly shift-averaged) encoder
 * @param dataDir - folder holding `mitdb/` (and optionally `ludb/`)
 * @param o - fit settings
 * @returns the new model's bytes and what was fitted
 * @throws TrainingError `E_DATA` without MIT-BIH DS1; errors of {@link fitRecordWhitening}
 * @internal
 */
export async function whitenEcgModel(
  bytes: Uint8Array,
  dataDir: string,
  o: RecordWhiteningOptions = {},
): Promise<{ bytes: Uint8Array; summary: WhiteningSummary }> {
  const enc = await openOnnxModel(bytes, 'ecg.onnx');
  try {
    const rate = Number(enc.metadata.rate ?? ECG_RATE);
    const sets = [await loadEcgSplit(dataDir, 'DS1', { rate })];
    const ludb = existsSync(join(dataDir, 'ludb', 'ludb.csv'));
    if (ludb) sets.push((await loadLudbTraining(dataDir, { rate })).records);
    const w = await fitRecordWhitening(enc, sets, o);
    const summary: WhiteningSummary = {
      method: 'within-record whitening of z_inv',
      alpha: o.alpha ?? 0.03,
      shiftWeight: o.shiftWeight ?? 16,
      data: ludb ? 'MIT-BIH DS1 records and LUDB training subjects (every lead a record)' : 'MIT-BIH DS1 records',
      records: w.records,
      windows: w.windows,
    };
    return { bytes: invMapOnnx(bytes, w, enc.dims, JSON.stringify(summary)), summary };
  } finally {
    await enc.release();
  }
}
