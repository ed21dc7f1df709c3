import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingError } from '../errors.js';
import { readWfdbAnnotations, readWfdbRecord } from '../io/wfdb.js';
import { ECG_RATE, preprocessEcg, type EcgRecord } from './ecg-data.js';
import { readLudbInfo } from './ludb-rhythm.js';
import { isLudbTrainingSubject } from './ludb-split.js';

/**
 * The twelve LUDB leads, in file order; the annotation file of each is `<record>.<lead>`.
 *
 * @internal
 */
export const LUDB_LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'] as const;

/**
 * QRS peak marks (`N` between `(` and `)`) of one lead of one LUDB record, in samples at the
 * record's rate.
 *
 * @param path - record path without extension, e.g. `../shared/data/ludb/data/1`
 * @param lead - lead name, e.g. `ii` (the annotation file's extension)
 * @throws FormatError `E_IO` or `E_PARSE` from the annotation reader
 * @internal
 */
export async function ludbQrsPeaks(path: string, lead: string): Promise<number[]> {
  const ann = await readWfdbAnnotations(path, lead);
  return ann.filter((a) => a.symbol === 'N').map((a) => a.sample);
}

/**
 * LUDB leads prepared as ECG records, and the subject of each.
 *
 * @internal
 */
export interface LudbTrainingSet {
  /** One record per lead of each subject (`<subject>-<lead>`), at the model rate, band-passed. */
  readonly records: EcgRecord[];
  /** LUDB subject (record number) of each record. */
  readonly subject: Int32Array;
}

/**
 * Loads the LUDB training subjects ({@link isLudbTrainingSubject}) for ECG training: every lead
 * is a record of its own, resampled and band-passed exactly as the MIT-BIH records are
 * (`preprocessEcg`), with the cardiologists' QRS marks of that lead as its beats (they give the
 * cardiac cycle and phase; the annotators mark complete complexes only, so the phase is unknown
 * before the first and after the last mark). LUDB has no beat classes: `beatClass` is 4 (Q,
 * unclassified) for every beat.
 *
 * @param dataDir - data directory holding `ludb/`
 * @param options - `rate` (default the model rate), `subjects` (a filter on top of the split)
 * @throws TrainingError `E_DATA` when `ludb/` is absent or holds no training subject;
 *   FormatError from the WFDB readers for a bad file
 * @internal
 * @example
 * ```ts
 * const { records, subject } = await loadLudbTraining('../shared/data');
 * console.log(records.length); // 1200: 100 subjects × 12 leads
 * ```
 */
export async function loadLudbTraining(
  dataDir: string,
  options: { readonly rate?: number; readonly subjects?: (subject: number) => boolean } = {},
): Promise<LudbTrainingSet> {
  const dir = join(dataDir, 'ludb');
  if (!existsSync(join(dir, 'ludb.csv'))) throw new TrainingError('E_DATA', `no LUDB in ${dir} (ludb.csv missing)`);
  const rate = options.rate ?? ECG_RATE;
  const records: EcgRecord[] = [];
  const subject: number[] = [];
  for (const id of (await readLudbInfo(dir)).keys()) {
    const n = Number(id);
    if (!isLudbTrainingSubject(n) || (options.subjects && !options.subjects(n))) continue;
    const path = join(dir, 'data', id);
    const rec = await readWfdbRecord(path);
    for (const s of rec.signals) {
      const marks = await ludbQrsPeaks(path, s.name);
      const beats: number[] = [];
      for (const m of marks) {
        const at = Math.round((m * rate) / rec.rate);
        if (!beats.length || at > beats[beats.length - 1]!) beats.push(at);
      }
      const signal = preprocessEcg(s.data, rec.rate, rate);
      records.push({
        name: `${id}-${s.name}`,
        rate,
        signal,
        beats: Int32Array.from(beats),
        beatClass: new Uint8Array(beats.length).fill(4),
      });
      subject.push(n);
    }
  }
  if (records.length === 0) throw new TrainingError('E_DATA', `no LUDB training subject in ${dir}`);
  return { records, subject: Int32Array.from(subject) };
}
