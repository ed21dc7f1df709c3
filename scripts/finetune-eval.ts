// Measures on-device fine-tuning on UCI HAR test subjects (never seen in training): for each
// subject, fine-tune a head with `shots` labelled windows per class of that subject, through
// the same `fineTune` code the browser runs (on fake-indexeddb here), and compare the subject's
// accuracy on their other windows before (the shipped model's own classes) and after (the
// fine-tuned head). Windows overlapping a labelled one (UCI HAR windows overlap by half) are
// left out of the evaluation. Repeated over `draws` random choices of the labelled windows.
//
//   npx tsx scripts/finetune-eval.ts [--data DIR] [--models DIR] [--model imu] [--shots 10]
//                                    [--draws 10] [--hidden 32,0] [--out docs/finetune-eval.md]
// (the first head size is the main table; the others are compared in a summary)
import 'fake-indexeddb/auto';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importOrtForNode } from '../src/model/ort-node.js';
import { readUciHar, UCI_HAR_LABELS } from '../src/io/ucihar.js';
import { resolveDataDir } from '../src/io/data-dir.js';
import { parseManifest, modelEntry } from '../src/model/manifest.js';
import type { EmbeddingResult } from '../src/model/encoder.js';
import { featuresOf } from '../src/finetune/examples.js';
import { fineTune } from '../src/finetune/run.js';
import { headClassifier } from '../src/finetune/classifier.js';
import { openWearDb } from '../src/storage/open.js';
import { createRng } from '../src/core/random.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    models: { type: 'string', default: 'models' },
    model: { type: 'string', default: 'imu' },
    shots: { type: 'string', default: '10' },
    draws: { type: 'string', default: '10' },
    hidden: { type: 'string', default: '32,0' },
    epochs: { type: 'string' },
    'weight-decay': { type: 'string' },
    lr: { type: 'string' },
    holdout: { type: 'string' },
    out: { type: 'string', default: 'docs/finetune-eval.md' },
  },
});
const shots = Number(args.shots);
const draws = Number(args.draws);
const hiddens = args.hidden.split(',').map(Number);
const tuning = {
  ...(args.epochs && { epochs: Number(args.epochs) }),
  ...(args['weight-decay'] && { weightDecay: Number(args['weight-decay']) }),
  ...(args.lr && { learningRate: Number(args.lr) }),
  ...(args.holdout && { holdout: Number(args.holdout) }),
};

// UCI HAR channel index of each model input channel (total acceleration in g, gyroscope in rad/s).
const UCI_CHANNEL: Record<string, number> = { ax: 6, ay: 7, az: 8, gx: 3, gy: 4, gz: 5 };

const manifestPath = join(args.models, 'manifest.json');
const entry = modelEntry(parseManifest(JSON.parse(await readFile(manifestPath, 'utf8'))), args.model);
const p = entry.preprocessing;
if (p.normalize !== 'none' || p.gravity !== 'keep' || p.offset || p.scale || p.bandpassHz) {
  throw new Error(`this script feeds raw UCI HAR windows; model ${args.model} asks for preprocessing it does not apply`);
}
const modelBytes = await readFile(join(args.models, entry.file));
const sha = createHash('sha256').update(modelBytes).digest('hex');
const dataDir = resolveDataDir(args.data);
const raw = await readUciHar(join(dataDir, 'uci-har'), 'test');
const S = raw.samples;
if (S !== entry.windowSamples || raw.rate !== entry.sampleRate)
  throw new Error(`model wants ${entry.windowSamples} samples at ${entry.sampleRate} Hz`);
const chans = entry.channels.map((c) => UCI_CHANNEL[c.name]);
if (chans.some((c) => c === undefined))
  throw new Error(`model channels ${entry.channels.map((c) => c.name).join(',')} are not all in UCI HAR`);

// Embeddings and built-in predictions of every test window.
const C = chans.length;
const { ort } = await importOrtForNode();
const session = await ort.InferenceSession.create(modelBytes);
const z = new Float32Array(raw.count * entry.embedding.dim);
const base = new Uint8Array(raw.count);
for (let from = 0; from < raw.count; from += 256) {
  const n = Math.min(256, raw.count - from);
  const x = new Float32Array(n * C * S);
  for (let w = 0; w < n; w++)
    chans.forEach((ch, c) => x.set(raw.x.subarray(((from + w) * 9 + ch!) * S, ((from + w) * 9 + ch! + 1) * S), (w * C + c) * S));
  const shape = entry.input.layout === 'NCT' ? [n, C, S] : [n, S, C];
  if (entry.input.layout !== 'NCT') throw new Error('only NCT models are supported here');
  const out = await session.run({ [entry.input.name]: new ort.Tensor('float32', x, shape) });
  z.set(out[entry.outputs.embedding]!.data as Float32Array, from * entry.embedding.dim);
  const logits = out[entry.outputs.logits!]!.data as Float32Array;
  const k = entry.classes!.length;
  for (let w = 0; w < n; w++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (logits[w * k + c]! > logits[w * k + arg]!) arg = c;
    base[from + w] = arg;
  }
}
const D = entry.embedding.dim;
const results: EmbeddingResult[] = Array.from({ length: raw.count }, (_, w) => {
  const e = z.subarray(w * D, (w + 1) * D);
  const r = (g: readonly [number, number]) => e.subarray(g[0], g[1]);
  return {
    seq: w,
    start: raw.startSample[w]!,
    t0: 0,
    t1: 0,
    embedding: e,
    inv: r(entry.embedding.inv),
    var: r(entry.embedding.var),
    free: r(entry.embedding.free),
  };
});
const label = (w: number) => raw.y[w]! - 1;
const classes = entry.classes!;
if (classes.join() !== UCI_HAR_LABELS.join()) throw new Error('model classes are not the UCI HAR activities in order');

interface Row {
  subject: number;
  windows: number;
  evaluated: number;
  before: number[];
  after: number[];
}
const db = await openWearDb({ name: 'finetune-eval' });
const subjects = [...new Set(raw.subject)].sort((a, b) => a - b);

/** Before/after accuracy per subject for one head size. */
async function evaluate(hidden: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const subject of subjects) {
    const mine = [...raw.subject.keys()].filter((w) => raw.subject[w] === subject);
    const row: Row = { subject, windows: mine.length, evaluated: 0, before: [], after: [] };
    for (let d = 0; d < draws; d++) {
      const rng = createRng(1000 * subject + d);
      const picked: number[] = [];
      for (let c = 0; c < classes.length; c++) {
        const pool = mine.filter((w) => label(w) === c);
        for (let i = pool.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        }
        picked.push(...pool.slice(0, shots));
      }
      const overlaps = (w: number) =>
        picked.some((q) => raw.experiment[q] === raw.experiment[w] && Math.abs(raw.startSample[q]! - raw.startSample[w]!) < S);
      const evalSet = mine.filter((w) => !overlaps(w));
      const { x, dim } = featuresOf(picked.map((w) => results[w]!));
      const { checkpoint } = await fineTune(
        db,
        { dim, classes, x, y: Uint16Array.from(picked, label) },
        { model: args.model, hidden, seed: d + 1, ...tuning },
      );
      const preds = headClassifier(checkpoint!).classify(evalSet.map((w) => results[w]!));
      row.evaluated += evalSet.length / draws;
      row.before.push(evalSet.filter((w) => base[w] === label(w)).length / evalSet.length);
      row.after.push(preds.filter((q, i) => q.labelIndex === label(evalSet[i]!)).length / evalSet.length);
    }
    rows.push(row);
    console.log(`hidden ${hidden}, subject ${subject}: before ${pct(mean(row.before))}, after ${pct(mean(row.after))}`);
  }
  return rows;
}

function mean(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
function pct(v: number): string {
  return `${(100 * v).toFixed(1)} %`;
}
const headName = (h: number) => (h === 0 ? 'softmax regression' : `MLP, ${h} hidden units`);
const change = (rows: Row[]) => mean(rows.map((r) => mean(r.after) - mean(r.before))) * 100;

const results2 = new Map<number, Row[]>();
for (const h of hiddens) results2.set(h, await evaluate(h));
const rows = results2.get(hiddens[0]!)!;
const md = [
  '# On-device fine-tuning on UCI HAR test subjects',
  '',
  `Generated by \`npx tsx scripts/finetune-eval.ts --shots ${shots} --draws ${draws} --hidden ${hiddens.join(',')}${Object.keys(tuning).length ? ` (tuning ${JSON.stringify(tuning)})` : ''}\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `- Encoder: \`${args.model}\` (\`${entry.file}\`, sha256 \`${sha.slice(0, 16)}…\`), ${entry.trainedOn ?? ''}.`,
  `- Data: UCI HAR test split (${subjects.length} subjects never seen in training), ${raw.count} windows of ${S} samples at ${raw.rate} Hz, unrotated.`,
  `- Per subject and draw: ${shots} windows per class of that subject are labelled (chosen at random, seed = 1000 × subject + draw) and a head is fine-tuned on their [inv, free] embedding by the same \`fineTune\` the browser worker runs, with its defaults otherwise: Adam, 60 epochs, 20 % of the labelled windows held out to pick the epoch count, then refit on all of them.`,
  "- Evaluation: the subject's other windows, leaving out any window that overlaps a labelled one (UCI HAR windows overlap by half).",
  "- Before: the encoder's own 6-class head. After: the fine-tuned head. Mean over draws (min–max over draws in brackets).",
  '',
  `## ${headName(hiddens[0]!)}`,
  '',
  '| subject | windows | evaluated (mean) | before | after | change |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.subject} | ${r.windows} | ${r.evaluated.toFixed(0)} | ${pct(mean(r.before))} | ${pct(mean(r.after))} (${pct(Math.min(...r.after))}–${pct(Math.max(...r.after))}) | ${((mean(r.after) - mean(r.before)) * 100).toFixed(1)} pt |`,
  ),
  `| **mean** | | | **${pct(mean(rows.map((r) => mean(r.before))))}** | **${pct(mean(rows.map((r) => mean(r.after))))}** | **${change(rows).toFixed(1)} pt** |`,
  '',
  '## Head sizes compared',
  '',
  '| head | mean before | mean after | change | subjects improved | worst subject change |',
  '|---|---:|---:|---:|---:|---:|',
  ...[...results2].map(
    ([h, rs]) =>
      `| ${headName(h)} | ${pct(mean(rs.map((r) => mean(r.before))))} | ${pct(mean(rs.map((r) => mean(r.after))))} | ${change(rs).toFixed(1)} pt | ${rs.filter((r) => mean(r.after) > mean(r.before)).length} of ${rs.length} | ${(Math.min(...rs.map((r) => mean(r.after) - mean(r.before))) * 100).toFixed(1)} pt |`,
  ),
  '',
].join('\n');
await writeFile(args.out, md);
console.log(`wrote ${args.out}`);
