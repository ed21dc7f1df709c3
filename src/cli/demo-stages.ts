import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsvFile } from '../io/csv.js';
import { FormatError, messageOf } from '../errors.js';
import type { Recording } from '../sources/recording.js';
import { ECG_RATE, ECG_WINDOW } from '../training/ecg-data.js';
import { formatStreamReport, runChain } from './chain.js';

/** What the demo stages share: the demo data, the loaded recordings and the results so far. */
export interface DemoContext {
  /** Directory of the demo recordings (`sdk-examples/data`). */
  readonly dataDir: string;
  /** Recordings loaded by earlier stages, by name (`ecg`, `imu`). */
  readonly recordings: Map<string, Recording>;
  /** Reference ECG beat times in seconds (cardiologists' annotations), once loaded. */
  beats?: Float64Array;
  /** Results by stage name, printed by `scl-wear demo --json`. */
  readonly results: Record<string, unknown>;
  /** Writes one line of the readable summary. */
  out(line: string): void;
}

/** One step of `scl-wear demo`. Later capabilities (R peaks, embeddings, activities) add stages. */
export interface DemoStage {
  /** Title printed before the stage's lines. */
  readonly name: string;
  run(ctx: DemoContext): Promise<void>;
}

/** Reads `t,sample,symbol` beat annotations. */
async function readBeats(path: string): Promise<Float64Array> {
  const lines = (
    await readFile(path, 'utf8').catch((err: unknown) => {
      throw new FormatError('E_IO', `cannot read ${path}: ${messageOf(err)}`, { cause: err });
    })
  )
    .trim()
    .split('\n')
    .slice(1);
  return Float64Array.from(lines, (l) => Number(l.split(',')[0]));
}

const load: DemoStage = {
  name: 'load the demo recordings',
  async run(ctx) {
    const ecg = await readCsvFile(join(ctx.dataDir, 'demo-ecg.csv'));
    const imu = await readCsvFile(join(ctx.dataDir, 'demo-imu.csv'));
    const beats = await readBeats(join(ctx.dataDir, 'demo-ecg-beats.csv'));
    ctx.recordings.set('ecg', ecg);
    ctx.recordings.set('imu', imu);
    ctx.beats = beats;
    const bpm = (60 * (beats.length - 1)) / ((beats[beats.length - 1] ?? 0) - (beats[0] ?? 0));
    const span = (r: Recording) => (r.timestamps ? r.timestamps[r.length - 1]! - r.timestamps[0]! : r.length / r.rate);
    ctx.out(
      `  ecg: MIT-BIH record 100, lead MLII, ${(ecg.length / ecg.rate).toFixed(0)} s at ${ecg.rate} Hz; ${beats.length} beats annotated by cardiologists (${bpm.toFixed(1)} bpm)`,
    );
    ctx.out(
      `  imu: UCI HAR test subject 2, ${imu.length} frames at ${imu.rate} Hz over ${span(imu).toFixed(0)} s, ${imu.labels?.length ?? 0} activity segments`,
    );
    ctx.results.load = {
      ecg: { frames: ecg.length, rate: ecg.rate, beats: beats.length, bpm },
      imu: { frames: imu.length, rate: imu.rate, segments: imu.labels?.length ?? 0 },
    };
  },
};

const ecgChain: DemoStage = {
  name: `ECG: validate → band-pass → resample to the encoder's ${ECG_RATE} Hz → ${ECG_WINDOW / ECG_RATE} s windows`,
  async run(ctx) {
    const rec = ctx.recordings.get('ecg')!;
    const report = await runChain(rec, 0, {
      resampleTo: ECG_RATE,
      windowSeconds: ECG_WINDOW / ECG_RATE,
      hopSeconds: ECG_WINDOW / ECG_RATE / 2,
    });
    for (const line of formatStreamReport(report)) ctx.out(line);
    ctx.results.ecg = report;
  },
};

const imuChain: DemoStage = {
  name: 'IMU: validate (gaps between activities) → gravity separation → 2.56 s windows (128 frames, UCI HAR)',
  async run(ctx) {
    const rec = ctx.recordings.get('imu')!;
    const report = await runChain(rec, 0, { windowSeconds: 2.56, hopSeconds: 1.28 });
    for (const line of formatStreamReport(report)) ctx.out(line);
    ctx.results.imu = report;
  },
};

/** The stages of `scl-wear demo`, in order. */
export const demoStages: DemoStage[] = [load, ecgChain, imuChain];
