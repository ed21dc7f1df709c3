// Replays recordings through the whole scl-wear pipeline and prints what it found: this is what
// `npm start` runs, on the bundled demo recordings (one minute of MIT-BIH record 100, one
// UCI HAR session). Every import comes from the package, as in an application.
//
//   node --import tsx sdk-examples/node/replay.ts [--data DIR] [--models MANIFEST] [--json]
//
// --data: directory of demo-ecg.csv, demo-ecg-beats.csv and demo-imu.csv (default ../data)
// --models: a models/manifest.json of your own (default: the package's bundled models)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FormatError, SdkError, type Encoder } from 'scl-wear';
import { createNodeEncoder, readCsvFile } from 'scl-wear/node';
import { ecgEmbeddings, ecgSignals } from './ecg.js';
import { imuActivities } from './imu.js';
import { report } from './report.js';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string', default: join(import.meta.dirname, '../data') },
    models: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const dir = flags.data;

/** Reads the `t,sample,symbol` beat annotations: beat times in seconds. */
async function readBeats(path: string): Promise<Float64Array> {
  const text = await readFile(path, 'utf8').catch((err: unknown) => {
    throw new FormatError('E_IO', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  });
  const rows = text.trim().split('\n').slice(1);
  return Float64Array.from(rows, (r) => Number(r.split(',')[0]));
}

/** Loads a bundled model; without one the rest of the pipeline still runs. */
async function tryEncoder(model: string, notes: string[]): Promise<Encoder | undefined> {
  try {
    return await createNodeEncoder({ model, device: 'auto', ...(flags.models && { manifestPath: flags.models }) });
  } catch (err) {
    notes.push(`${model} model not loaded: ${err instanceof SdkError ? `${err.code} ` : ''}${(err as Error).message}`);
    return undefined;
  }
}

async function main(): Promise<string> {
  const started = performance.now();
  const notes: string[] = [];
  const ecg = await readCsvFile(join(dir, 'demo-ecg.csv'));
  const imu = await readCsvFile(join(dir, 'demo-imu.csv'));
  const beats = await readBeats(join(dir, 'demo-ecg-beats.csv'));

  const signals = await ecgSignals(ecg, beats);
  const ecgEncoder = await tryEncoder('ecg', notes);
  const imuEncoder = await tryEncoder(imu.streams[0]?.kind === 'imu' ? 'imu' : 'acc', notes);
  try {
    const embeddings = ecgEncoder ? await ecgEmbeddings(ecg, ecgEncoder, signals.peakTimes) : undefined;
    const activities = imuEncoder ? await imuActivities(imu, imuEncoder) : undefined;
    const { peakTimes: _, ...ecgSummary } = signals;
    const summary = {
      ecg: { recording: { seconds: ecg.length / ecg.rate, rate: ecg.rate }, ...ecgSummary, embeddings },
      imu: { recording: { frames: imu.length, rate: imu.rate, segments: imu.labels?.length ?? 0 }, activities },
      notes,
      seconds: (performance.now() - started) / 1000,
    };
    return flags.json ? JSON.stringify(summary, null, 2) : report(summary);
  } finally {
    await Promise.all([ecgEncoder?.close(), imuEncoder?.close()]);
  }
}

try {
  console.log(await main());
} catch (err) {
  // Typed errors say what went wrong and where (a missing file, a malformed row...).
  console.error(err instanceof SdkError ? `error ${err.code}: ${err.message}` : err);
  process.exitCode = 1;
}
