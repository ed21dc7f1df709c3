import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rpeaksCommand } from '../../src/cli/cmd-rpeaks.js';
import type { CliIO } from '../../src/cli/command.js';
import type { EcgReport } from '../../src/cli/ecg-summary.js';
import { writeCsvFile } from '../../src/io/csv.js';
import { simulateEcg } from '../../src/sources/ecg-sim.js';
import { excerpt, nearest } from '../dsp/ecg-fixtures.js';

const fixtures = fileURLToPath(new URL('../fixtures/mitdb/', import.meta.url));

function fakeIO(): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

async function json(args: string[]): Promise<EcgReport & { lead: string; source: string }> {
  const io = fakeIO();
  expect(await rpeaksCommand.run([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.lines.join('\n'));
}

describe('scl-wear rpeaks', () => {
  it('gives sample indices of the input after a run of empty cells in a one-column file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-wear-rpeaks-empty-'));
    const x = simulateEcg({ seconds: 40, rate: 250, seed: 3 }).recording.streams[0]!.data;
    const file = (name: string, blank: boolean) => {
      const rows = ['ecg'];
      for (let i = 0; i < x.length; i++) rows.push(blank && i >= 5000 && i < 5500 ? '' : x[i]!.toFixed(4));
      writeFileSync(join(dir, name), rows.join('\n') + '\n\n');
      return join(dir, name);
    };
    const clean = await json(['--input', file('clean.csv', false), '--rate', '250']);
    const gapped = await json(['--input', file('gapped.csv', true), '--rate', '250']);
    expect(gapped.samples).toBe(x.length);
    const after = (peaks: number[]) => peaks.filter((p) => p > 6500);
    expect(after(gapped.peaks).length).toBeGreaterThan(10);
    expect(after(gapped.peaks)).toEqual(after(clean.peaks));
  });

  it('reports the annotated beats of a WFDB record as sample indices, with RR kinds and quality', async () => {
    const r = await json(['--wfdb', join(fixtures, '119a')]);
    const ref = await excerpt('119a');
    expect(r.lead).toBe('MLII');
    expect(r.peaks).toHaveLength(ref.beats.length);
    expect(Math.max(...nearest(ref.beats, r.peaks))).toBeLessThanOrEqual(0.015 * 360);
    // Bigeminy: premature ventricular beats make short-long interval pairs.
    expect(r.rr.intervals).toBe(ref.beats.length - 1);
    expect(r.rr.ectopic).toBeGreaterThanOrEqual(4);
    expect(r.quality.windows).toBe(2);
    expect(r.hrv.lf).toBeNull(); // 20 s is too short for LF / HF
  });

  it('reads a CSV with --rate and gives the simulated heart rate', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scl-wear-rpeaks-')), 'ecg.csv');
    const sim = simulateEcg({ seconds: 90, rate: 130, heartRate: 72, seed: 5 });
    await writeCsvFile(file, sim.recording, { time: false });
    const r = await json(['--input', file, '--rate', '130']);
    expect(r.peaks).toHaveLength(sim.rPeaks.length);
    expect(
      Math.max(
        ...nearest(
          Array.from(sim.rPeaks, (t) => t * 130),
          r.peaks,
        ),
      ),
    ).toBeLessThanOrEqual(2);
    expect(r.heartRate.mean).toBeGreaterThan(68);
    expect(r.heartRate.mean).toBeLessThan(76);
    expect(r.quality.usable).toBe(r.quality.windows);
    expect(typeof r.hrv.lf).toBe('number');
  });

  it('prints a text summary, and refuses a missing source or an unknown lead with E_ARGUMENT', async () => {
    const io = fakeIO();
    expect(await rpeaksCommand.run(['--wfdb', join(fixtures, '232a')], io)).toBe(0);
    expect(io.lines[1]).toMatch(/^R peaks: 18;/);
    await expect(rpeaksCommand.run([], fakeIO())).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(rpeaksCommand.run(['--wfdb', join(fixtures, '232a'), '--lead', 'V9'], fakeIO())).rejects.toMatchObject({
      code: 'E_ARGUMENT',
    });
  });

  it('names the record and its leads when a WFDB record has no signals or lacks the lead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-wear-rpeaks-wfdb-'));
    writeFileSync(join(dir, 'empty.hea'), 'empty 0 360 1000\n');
    const none = rpeaksCommand.run(['--wfdb', join(dir, 'empty')], fakeIO());
    await expect(none).rejects.toMatchObject({ code: 'E_ARGUMENT', details: { argument: 'wfdb', record: 'empty', leads: [] } });
    await expect(none).rejects.toThrow(/record empty has no signals/);
    await expect(rpeaksCommand.run(['--wfdb', join(dir, 'empty'), '--lead', 'V1'], fakeIO())).rejects.toThrow(
      /record empty has no signals/,
    );
    const missing = rpeaksCommand.run(['--wfdb', join(fixtures, '232a'), '--lead', 'V9'], fakeIO());
    await expect(missing).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'lead', record: '232a', leads: ['MLII', 'V1'] },
    });
    await expect(missing).rejects.toThrow(/record 232a has no lead "V9"; leads: MLII, V1/);
  });
});
