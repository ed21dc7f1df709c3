// Builds the demo recordings in sdk-examples/data/ and the CSV test fixtures in
// test/fixtures/csv/ from the real datasets (MIT-BIH record 100, UCI HAR test subject 2).
// Usage: node --import tsx scripts/make-demo-data.ts [--data DIR]   (or SCL_WEAR_DATA=DIR)
// Deterministic: rerunning it rewrites the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readUciHar, readWfdbAnnotations, readWfdbRecord, resolveDataDir, isBeatSymbol, writeCsvFile } from '../src/node.js';
import { STANDARD_GRAVITY, createRecording, type LabelSegment, type Recording } from '../src/index.js';
import { ACTIVITIES } from '../src/advanced.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const flag = process.argv.indexOf('--data');
const data = resolveDataDir(flag >= 0 ? process.argv[flag + 1] : undefined);
const demoDir = join(root, 'sdk-examples', 'data');
const fixtureDir = join(root, 'test', 'fixtures', 'csv');
mkdirSync(demoDir, { recursive: true });
mkdirSync(fixtureDir, { recursive: true });

/** The first `seconds` of MIT-BIH record 100, lead MLII, in mV at 360 Hz. */
async function mitdbExcerpt(seconds: number): Promise<{ rec: Recording; beats: string }> {
  const record = await readWfdbRecord(join(data, 'mitdb', '100'));
  const mlii = record.signals.find((s) => s.name === 'MLII');
  if (!mlii) throw new Error('record 100 has no MLII lead');
  const n = Math.round(seconds * record.rate);
  const rec = createRecording({
    rate: record.rate,
    streams: [{ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], data: mlii.data.slice(0, n) }],
  });
  const annotations = await readWfdbAnnotations(join(data, 'mitdb', '100'));
  const rows = annotations.filter((a) => a.sample < n && isBeatSymbol(a.symbol));
  const beats = ['t,sample,symbol', ...rows.map((a) => `${(a.sample / record.rate).toFixed(6)},${a.sample},${a.symbol}`)].join('\n') + '\n';
  return { rec, beats };
}

/**
 * One experiment of UCI HAR test subject 2 as a continuous stream: every window's samples put
 * back at its start sample (windows overlap by 64 samples; overlapping samples must agree).
 * Samples no window covers (postural transitions, unlabelled stretches) are left out, so the
 * `t` column jumps there. Acceleration: total_acc (g) × 9.80665 → m/s²; gyroscope: rad/s.
 */
async function uciHarSession(subject: number, keep?: (start: number, activity: number) => boolean): Promise<Recording> {
  const split = await readUciHar(join(data, 'uci-har'), 'test');
  const picked = [...Array(split.count).keys()].filter((w) => split.subject[w] === subject);
  const experiment = split.experiment[picked[0]!]!;
  const windows = picked.filter((w) => split.experiment[w] === experiment && (keep?.(split.startSample[w]!, split.y[w]!) ?? true));
  const end = Math.max(...windows.map((w) => split.startSample[w]! + split.samples));
  const values = new Float32Array(end * 6).fill(Number.NaN);
  const label = new Int8Array(end);
  const channels = [6, 7, 8, 3, 4, 5]; // total_acc x/y/z, body_gyro x/y/z
  for (const w of windows) {
    for (let t = 0; t < split.samples; t++) {
      const s = split.startSample[w]! + t;
      channels.forEach((c, j) => {
        const v = split.x[(w * 9 + c) * split.samples + t]! * (j < 3 ? STANDARD_GRAVITY : 1);
        const old = values[s * 6 + j]!;
        if (!Number.isNaN(old) && Math.abs(old - v) > 1e-6) throw new Error(`windows disagree at sample ${s}`);
        values[s * 6 + j] = v;
      });
      label[s] = split.y[w]!;
    }
  }
  const kept = [...Array(end).keys()].filter((s) => label[s]! > 0);
  const out = new Float32Array(kept.length * 6);
  const timestamps = new Float64Array(kept.length);
  const labels: LabelSegment[] = [];
  kept.forEach((s, i) => {
    out.set(values.subarray(s * 6, s * 6 + 6), i * 6);
    timestamps[i] = s / split.rate;
    const name = ACTIVITIES[label[s]! - 1]!;
    const last = labels[labels.length - 1];
    if (last && last.label === name && last.end === i && kept[i - 1] === s - 1) labels[labels.length - 1] = { ...last, end: i + 1 };
    else labels.push({ label: name, start: i, end: i + 1 });
  });
  const unit = (j: number) => (j < 3 ? ('m/s^2' as const) : ('rad/s' as const));
  const names = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'];
  return createRecording({
    rate: split.rate,
    timestamps,
    streams: [{ kind: 'imu', channels: names.map((name, j) => ({ name, unit: unit(j) })), data: out }],
    labels,
  });
}

const ecg = await mitdbExcerpt(60);
await writeCsvFile(join(demoDir, 'demo-ecg.csv'), ecg.rec, { decimals: 3 });
writeFileSync(join(demoDir, 'demo-ecg-beats.csv'), ecg.beats);
const imu = await uciHarSession(2);
await writeCsvFile(join(demoDir, 'demo-imu.csv'), imu, { decimals: 4 });

const ecgFixture = await mitdbExcerpt(5);
await writeCsvFile(join(fixtureDir, 'mitdb-100-5s.csv'), ecgFixture.rec, { decimals: 3 });
// The last 5 s of the first laying segment, then (after the gap of the transition) 10 s of walking.
const layingEnd = imu.labels!.find((l) => l.label === 'laying')!.end;
const walkStart = imu.labels!.find((l) => l.label === 'walking')!.start;
const t = (i: number) => Math.round(imu.timestamps![i]! * imu.rate);
const fixture = await uciHarSession(
  2,
  (s) => (s >= t(layingEnd - 1) - 250 - 64 && s + 128 <= t(layingEnd - 1) + 1) || (s >= t(walkStart) && s + 128 <= t(walkStart) + 500),
);
await writeCsvFile(join(fixtureDir, 'ucihar-s2-laying-walking.csv'), fixture, { decimals: 4 });
console.log(
  `demo: ecg ${ecg.rec.length} frames, imu ${imu.length} frames (${imu.labels!.length} segments); fixtures: ${ecgFixture.rec.length} + ${fixture.length} frames`,
);
