// LUDB in ECG training: the subject split (no held-out subject is trained on or missing from
// the rhythm probe), each lead a record with its own QRS marks, and one negative group per subject.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { groupSplit } from '../../src/training/balanced-probe.js';
import { ecgTask } from '../../src/training/ecg-task.js';
import { loadLudbRhythm } from '../../src/training/ludb-rhythm.js';
import { isLudbTrainingSubject, ludbProbeGroup } from '../../src/training/ludb-split.js';
import { loadLudbTraining } from '../../src/training/ludb-train.js';

const fixtures = fileURLToPath(new URL('../fixtures/ludb/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'scl-ludb-'));

/** A one-lead LUDB record `id` (lead `ii`) made from a committed fixture lead. */
function addRecord(id: number, fixture: '64iii' | '24v1'): void {
  const lead = fixture === '64iii' ? 'iii' : 'v1';
  const dir = join(root, 'ludb', 'data');
  mkdirSync(dir, { recursive: true });
  const hea = readFileSync(join(fixtures, `${fixture}.hea`), 'utf8')
    .replaceAll(fixture, String(id))
    .replace(new RegExp(` ${lead}$`, 'm'), ' ii');
  writeFileSync(join(dir, `${id}.hea`), hea);
  copyFileSync(join(fixtures, `${fixture}.dat`), join(dir, `${id}.dat`));
  copyFileSync(join(fixtures, `${fixture}.${lead}`), join(dir, `${id}.ii`));
}

const subjects = [23, 24, 63, 64];
subjects.forEach((id) => addRecord(id, id > 50 ? '64iii' : '24v1'));
writeFileSync(
  join(root, 'ludb', 'ludb.csv'),
  'ID,Sex,Rhythms,Cardiac pacing\n' +
    subjects.map((id) => `${id},F,"${id % 4 === 0 ? 'Atrial fibrillation' : 'Sinus rhythm'}",`).join('\n') +
    '\n',
);

describe('LUDB subject split', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('trains on odd-numbered subjects only and probes rhythm on the even-numbered ones', async () => {
    expect([1, 2, 199, 200].map(isLudbTrainingSubject)).toEqual([true, false, true, false]);
    const train = await loadLudbTraining(root);
    expect(Array.from(train.subject)).toEqual([23, 63]);
    expect(train.records.map((r) => r.name)).toEqual(['23-ii', '63-ii']);
    const rhythm = (await loadLudbRhythm(root, 130, 520))!;
    expect(new Set(rhythm.subject)).toEqual(new Set([24, 64]));
    for (const s of rhythm.subject) expect(train.subject).not.toContain(s);
    // Held-out subjects: the probe fits on 4, 8, … and scores 2, 6, …
    expect(Array.from(groupSplit(Int32Array.from([24, 64, 2, 200, 198], ludbProbeGroup)))).toEqual([1, 1, 0, 1, 0]);
  });

  it('makes each lead a record at the model rate with its QRS marks as beats', async () => {
    const { records } = await loadLudbTraining(root, { subjects: (s) => s === 63 });
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.rate).toBe(130);
    expect(r.signal.length).toBe(1300);
    // Marks of 64.iii at 500 Hz, scaled to 130 Hz.
    expect(Array.from(r.beats)).toEqual([689, 1157, 1616, 2066, 2499, 2915, 3350, 3803, 4280].map((m) => Math.round((m * 130) / 500)));
    expect(Array.from(r.beatClass)).toEqual(new Array(9).fill(4));
    await expect(loadLudbTraining(root, { subjects: () => false })).rejects.toMatchObject({ code: 'E_DATA' });
    await expect(loadLudbTraining(join(root, 'none'))).rejects.toMatchObject({ code: 'E_DATA' });
  });

  it('keeps the leads of one subject in one negative group and knows the phase only between marks', async () => {
    const { records } = await loadLudbTraining(root);
    const task = ecgTask([records[0]!, records[1]!, records[0]!], { negatives: 'record', groups: [23, 63, 23] });
    const ids = Array.from({ length: task.count }, (_, i) => i);
    const b = task.makeBatch(ids, createRng(5), 'scl');
    expect(Array.from(b.negatives!)).toEqual([23, 23, 23, 63, 63, 63, 23, 23, 23]);
    // Without groups each record is its own group.
    expect(Array.from(ecgTask(records, { negatives: 'record' }).makeBatch([0, 3], createRng(5), 'scl').negatives!)).toEqual([0, 1]);
    // A record whose marks start late: windows starting before the first mark have no phase.
    const late = { ...records[0]!, beats: records[0]!.beats.filter((x) => x > 600) };
    const m = ecgTask([late], { hop: 130 }).makeBatch([0, 1, 2], createRng(1), 'plain');
    expect(Array.from(m.phaseMask!)).toEqual([0, 0, 0]);
    expect(Array.from(m.phase!)).toEqual(new Array(6).fill(0));
    const early = ecgTask([records[0]!], { hop: 130 }).makeBatch([0, 1, 2], createRng(1), 'plain');
    expect(Array.from(early.phaseMask!)).toEqual([1, 1, 1]);
  });
});
