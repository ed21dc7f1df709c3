import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readWfdbRecord } from '../io/wfdb.js';
import { ECG_SETTLE_SECONDS, preprocessEcg, zscoreWindow } from './ecg-data.js';
import { isLudbTrainingSubject } from './ludb-split.js';

/** Rhythm classes of the LUDB rhythm probe, index = class id. */
export const LUDB_RHYTHMS = ['sinus', 'atrial fibrillation', 'other'] as const;

/** Model-input windows of LUDB lead II with each record's rhythm class. */
export interface LudbRhythmSet {
  /** Windows `[count, length]`, z-scored as the model input. */
  readonly x: Float32Array;
  readonly count: number;
  /** Rhythm class per window ({@link LUDB_RHYTHMS}). */
  readonly label: Uint8Array;
  /** LUDB record (subject) number per window. */
  readonly subject: Int32Array;
}

/**
 * Splits a CSV text into rows of fields; quoted fields may hold commas and newlines.
 *
 * @param text - the CSV text
 * @internal
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (const ch of text) {
    if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows;
}

/**
 * Per LUDB record: its `Rhythms` and `Cardiac pacing` fields from `ludb.csv`.
 *
 * @param ludbDir - the `ludb` folder
 * @internal
 */
export async function readLudbInfo(ludbDir: string): Promise<Map<string, { rhythm: string; pacing: string }>> {
  const rows = parseCsvRows(await readFile(join(ludbDir, 'ludb.csv'), 'utf8'));
  const head = rows[0] ?? [];
  const rhythm = head.indexOf('Rhythms');
  const pacing = head.indexOf('Cardiac pacing');
  if (rhythm < 0 || pacing < 0) throw new Error('ludb.csv: no Rhythms or Cardiac pacing column');
  const out = new Map<string, { rhythm: string; pacing: string }>();
  for (const r of rows.slice(1)) if (r[0]) out.set(r[0], { rhythm: (r[rhythm] ?? '').replace(/\s+/g, ' '), pacing: r[pacing] ?? '' });
  return out;
}

function rhythmClass(rhythm: string): number {
  if (/atrial fibrillation/i.test(rhythm)) return 1;
  return /sinus/i.test(rhythm) ? 0 : 2;
}

/**
 * Loads the windows of the LUDB rhythm probe: lead II of every held-out record (even-numbered
 * subjects, see `isLudbTrainingSubject`: no encoder trains on them), resampled and band-passed
 * as the stream is, windows every second after the settling time.
 *
 * @param dataDir - data directory holding `ludb/`
 * @param rate - model input rate in Hz
 * @param length - window length in samples
 * @returns the set, or undefined when `ludb/` is absent
 * @internal
 */
export async function loadLudbRhythm(dataDir: string, rate: number, length: number): Promise<LudbRhythmSet | undefined> {
  const dir = join(dataDir, 'ludb');
  if (!existsSync(join(dir, 'ludb.csv'))) return undefined;
  const info = await readLudbInfo(dir);
  const x: number[] = [];
  const label: number[] = [];
  const subject: number[] = [];
  for (const [id, { rhythm }] of info) {
    if (isLudbTrainingSubject(Number(id))) continue;
    const rec = await readWfdbRecord(join(dir, 'data', id));
    const lead = rec.signals.find((s) => s.name === 'ii');
    if (!lead) continue;
    const y = preprocessEcg(lead.data, rec.rate, rate);
    for (let s = Math.ceil(ECG_SETTLE_SECONDS * rate); s + length <= y.length; s += rate) {
      const w = y.slice(s, s + length);
      zscoreWindow(w, 0, length);
      for (const v of w) x.push(v);
      label.push(rhythmClass(rhythm));
      subject.push(Number(id));
    }
  }
  return { x: Float32Array.from(x), count: label.length, label: Uint8Array.from(label), subject: Int32Array.from(subject) };
}
