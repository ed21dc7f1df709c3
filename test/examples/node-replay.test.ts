// The Node example (`npm start`: sdk-examples/node/replay.ts) on the bundled demo recordings,
// run as a user runs it, checked against references that do not come from the SDK: the
// cardiologists' beat annotations of MIT-BIH record 100 and the activity labels of the UCI HAR
// session.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const script = ['--import', 'tsx', 'sdk-examples/node/replay.ts'];
const manifest = JSON.parse(readFileSync(join(root, 'models', 'manifest.json'), 'utf8')) as {
  models: Record<string, { windowSamples: number; sampleRate: number }>;
};

interface Score {
  labelled: number;
  accuracy: number;
  perClass: Record<string, number>;
}
interface Summary {
  ecg: {
    peaks: number;
    reference: number;
    sensitivity: number;
    positivePredictivity: number;
    heartRate: { mean: number };
    hrv?: { sdnn: number; rmssd: number };
    embeddings?: { windows: number; phase: { invSimilarity: number; varSimilarity: number } };
  };
  imu: {
    recording: { frames: number };
    activities?: {
      groups: Score;
      calibrated?: Score;
      selfCalibrated: Score & { after?: number };
      rotation: { inv: number; var: number; groups: number; calibrated: number; selfCalibrated: number };
    };
  };
  notes: string[];
}
let summary: Summary;

beforeAll(async () => {
  const { stdout } = await run(process.execPath, [...script, '--json'], { cwd: root, maxBuffer: 8 << 20 });
  summary = JSON.parse(stdout) as Summary;
}, 120_000);

describe('npm start (the Node replay example)', () => {
  it('finds the annotated beats of record 100 and their heart rate', () => {
    const beats = readFileSync(join(root, 'sdk-examples/data/demo-ecg-beats.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    const bpm = (60 * (beats.length - 1)) / (beats.at(-1)! - beats[0]!);
    expect(summary.ecg.reference).toBe(beats.length);
    expect(Math.abs(summary.ecg.peaks - beats.length)).toBeLessThanOrEqual(1);
    expect(summary.ecg.sensitivity).toBeGreaterThanOrEqual(0.98);
    expect(summary.ecg.positivePredictivity).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(summary.ecg.heartRate.mean - bpm)).toBeLessThan(2);
    expect(summary.ecg.hrv!.sdnn).toBeGreaterThan(0);
  });

  it('runs the bundled models: embeddings, activities, and the invariant part holds under the transforms', () => {
    expect(summary.notes).toEqual([]);
    const e = summary.ecg.embeddings!;
    // 60 s, windows of the shipped model's length (4.4 s) every 2 s: 28 windows.
    const seconds = manifest.models.ecg!.windowSamples / manifest.models.ecg!.sampleRate;
    expect(e.windows).toBe(Math.floor((60 - seconds) / 2) + 1);
    expect(e.phase.invSimilarity).toBeGreaterThan(e.phase.varSimilarity);
    const a = summary.imu.activities!;
    expect(a.rotation.inv).toBeGreaterThan(a.rotation.var);
    // Orientation unknown: four groups, every still posture STATIC; a wrong class order or unit
    // would sit near chance (25 %). Turning the phone cannot change them (invariant by construction).
    expect(a.groups.labelled).toBeGreaterThan(100);
    expect(a.groups.accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(a.groups.perClass).sort()).toEqual(['downstairs', 'still', 'upstairs', 'walking']);
    expect(Math.abs(a.rotation.groups - a.groups.accuracy)).toBeLessThan(0.02);
  });

  it('knows the posture after a standing calibration or 20 s of walking, however the phone is turned', () => {
    const a = summary.imu.activities!;
    // Six classes (chance 17 %), with sitting, standing and lying scored apart.
    for (const s of [a.calibrated!, a.selfCalibrated]) {
      expect(s.accuracy).toBeGreaterThan(0.6);
      expect(Object.keys(s.perClass)).toEqual(expect.arrayContaining(['sitting', 'standing', 'laying']));
    }
    // Self-calibration waits for 20 s of walking (the session starts with its walking), and no longer than that needs.
    expect(a.selfCalibrated.after).toBeGreaterThanOrEqual(20);
    expect(a.selfCalibrated.after).toBeLessThan(26);
    expect(a.selfCalibrated.labelled).toBeGreaterThan(a.groups.labelled - 20);
    // The calibrations find the body frame whatever the device's orientation.
    expect(Math.abs(a.rotation.calibrated - a.calibrated!.accuracy)).toBeLessThan(0.03);
    expect(Math.abs(a.rotation.selfCalibrated - a.selfCalibrated.accuracy)).toBeLessThan(0.03);
  });

  it('fails with a typed error and exit code 1 when the data is missing', async () => {
    const err = await run(process.execPath, [...script, '--data', join(root, 'no-such-dir')], { cwd: root }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/^error E_IO: cannot .*demo-ecg\.csv/);
  });
});
