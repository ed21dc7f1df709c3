// Evaluates the runs of the IMU comparison (same views, data, epochs, architecture; seeds) and
// tabulates mean ± sd per variant: npx tsx scripts/imu-comparison.ts RUNS_DIR OUT_DIR [NAME] → OUT_DIR/NAME.json and .md
// (NAME: imu-comparison by default; acc's leave-one-dataset-out runs go to acc-lodo).
// Run directories are named <prefix>-<variant>-s<seed>; lodo-<dataset>-only runs are scored on the other dataset.
// Runs already in OUT_DIR/imu-comparison.json and not in RUNS_DIR are kept, so the comparison grows run by run.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataDir } from '../src/io/data-dir.js';
import { evaluateImuCross, type CrossEvaluation } from '../src/training/evaluate-cross.js';
import type { ImuDataset } from '../src/training/imu-corpus.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const [runsDir, outDir, base = 'imu-comparison'] = process.argv.slice(2) as [string, string, string?];
const dataDir = resolveDataDir();
type RunEvaluation = CrossEvaluation & { wallSeconds: number; options: Record<string, unknown> };
const previous = join(outDir, `${base}.json`);
const evals: Record<string, RunEvaluation> = existsSync(previous)
  ? (JSON.parse(await readFile(previous, 'utf8')) as { runs: Record<string, RunEvaluation> }).runs
  : {};
for (const name of (await readdir(runsDir)).sort()) {
  const dir = join(runsDir, name);
  if (!/^(cmp|lodo)-/.test(name) || !existsSync(join(dir, 'results.json'))) continue;
  const file = join(dir, 'eval.json');
  const r = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
  if (!existsSync(file)) {
    const enc = await loadOnnxModel(join(dir, r.onnx.file));
    const other: ImuDataset[] | undefined = name.startsWith('lodo-uci')
      ? ['motionsense']
      : name.startsWith('lodo-ms')
        ? ['uci']
        : undefined;
    const e = await evaluateImuCross(enc, dataDir, r.task, r.referenceUp, {
      rotations: 2,
      ...(other ? { datasets: other, temperature: { classes: 1, groups: 1 } } : {}),
    });
    await enc.release();
    await writeFile(file, JSON.stringify(e, null, 2) + '\n');
    process.stderr.write(`${name} evaluated\n`);
  }
  evals[name] = { ...(JSON.parse(await readFile(file, 'utf8')) as CrossEvaluation), wallSeconds: r.wallSeconds, options: r.options };
}
/** Mean, sample sd and the worst seed (the lowest, or the highest where lower is better). */
const stat = (v: number[], lowerIsBetter: boolean) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : NaN;
  const worst = lowerIsBetter ? Math.max(...v) : Math.min(...v);
  return { mean: Math.round(m * 100) / 100, sd: Math.round(sd * 100) / 100, n: v.length, worst: Math.round(worst * 100) / 100 };
};
const LOWER_IS_BETTER = new Set(['groupEce', 'probeInvR2']);
const variants = new Map<string, string[]>();
for (const name of Object.keys(evals)) {
  const m = /^cmp-(.+)-s\d+$/.exec(name);
  if (m) variants.set(m[1]!, [...(variants.get(m[1]!) ?? []), name]);
}
const FIGURES: [string, (d: CrossEvaluation['datasets'][ImuDataset]) => number | undefined][] = [
  ['groupAccRotated', (d) => d?.groupAccRotated],
  ['consistencyMean', (d) => d?.consistencyMean],
  ['groupAccRotated20Hz', (d) => d?.groupAccRotated20Hz],
  ['groupEce', (d) => d?.groupEce],
  ['acc6Calibrated', (d) => d?.acc6Calibrated],
  ['selfCalPosture', (d) => d?.selfCalibration.posture],
  ['probeVarR2', (d) => d?.probe.var.r2],
  ['probeVarCos', (d) => d?.probe.var.cosine],
  ['probeInvR2', (d) => d?.probe.inv.r2],
];
const table: Record<string, Record<string, Record<string, ReturnType<typeof stat>>>> = {};
for (const [v, names] of variants) {
  table[v] = {};
  for (const ds of ['uci', 'motionsense'] as const) {
    table[v][ds] = {};
    for (const [f, get] of FIGURES) {
      const vals = names.map((n) => get(evals[n]!.datasets[ds])).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
      if (vals.length) table[v][ds][f] = stat(vals, LOWER_IS_BETTER.has(f));
    }
  }
}
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, `${base}.json`), JSON.stringify({ table, runs: evals }, null, 2) + '\n');
const fmt = (s?: ReturnType<typeof stat>) =>
  s ? `${s.mean.toFixed(2)} ± ${Number.isNaN(s.sd) ? '–' : s.sd.toFixed(2)} (${s.n}; worst ${s.worst.toFixed(2)})` : '–';
const lines = ['| variant | dataset | ' + FIGURES.map(([f]) => f).join(' | ') + ' |', '|' + ' --- |'.repeat(FIGURES.length + 2)];
for (const [v, byDs] of Object.entries(table))
  for (const [ds, figs] of Object.entries(byDs)) lines.push(`| ${v} | ${ds} | ${FIGURES.map(([f]) => fmt(figs[f])).join(' | ')} |`);
for (const [name, e] of Object.entries(evals)) {
  if (!name.startsWith('lodo-')) continue;
  for (const [ds, d] of Object.entries(e.datasets))
    lines.push(
      `| ${name} (tested on ${ds}) | ${ds} | ${d.groupAccRotated} | ${d.consistencyMean} | ${d.groupAccRotated20Hz} | | | | | | |`,
    );
}
await writeFile(join(outDir, `${base}.md`), lines.join('\n') + '\n');
console.log(lines.join('\n'));
