// Writes models/cards/<model>-cross.md from models/results/<model>-cross.json (the shipped and
// previous models, `scripts/eval-imu-cross.ts`) and, for imu, models/results/imu-comparison.json
// (`scripts/imu-comparison.ts`): npx tsx scripts/imu-cross-card.ts imu|acc
import { readFile, writeFile } from 'node:fs/promises';

const model = process.argv[2] ?? 'imu';
const cross = JSON.parse(await readFile(`models/results/${model}-cross.json`, 'utf8')) as any[];
const cmp = JSON.parse(await readFile('models/results/imu-comparison.json', 'utf8')) as { table: any; runs: Record<string, any> };
const manifest = JSON.parse(await readFile('models/manifest.json', 'utf8')).models[model];
const ok = (v: number, target: number, above = true) => ((above ? v >= target : v <= target) ? `**${v}** (met)` : `**${v}** (NOT met)`);
const L: string[] = [];
const shipped = cross[0];
L.push(`# ${model}: cross-device figures (UCI HAR waist + MotionSense pocket)`, '');
L.push(
  `Model \`${manifest.file}\` (sha256 \`${manifest.sha256.slice(0, 12)}…\`), ${manifest.parameters} parameters, ${manifest.bytes} bytes. Trained with \`${manifest.training.command}\` in ${manifest.training.wallSeconds} s of wall time (2 CPU cores shared with other work; the load average varied between about 5 and 20, so wall times vary several-fold).`,
  '',
);
L.push(
  "Test subjects never seen in training or validation: UCI HAR's 9 test subjects (Samsung, waist), MotionSense subjects 3, 6, 9, 12, 15, 18, 21, 24 (iPhone 6s, front trouser pocket; jogging left out). Every test window first gets a random sensor error fixed in its device frame (scale ±3 %, bias ±0.04 g, misalignment ≤ 3°), then uniform random rotations, so the gravity magnitude cannot identify a posture. Temperatures were fitted on validation subjects (training subjects held out from training: numbers divisible by 7).",
  '',
);
L.push('| figure | target | ' + cross.map((r) => `\`${r.path}\``).join(' | ') + ' |');
L.push('| --- | --- |' + cross.map(() => ' --- |').join(''));
const rows: [string, string, (d: any) => unknown, number?, boolean?][] = [
  ['grouped accuracy, unrotated (%)', '', (d) => d.groupAcc],
  ['grouped accuracy under sensor error + random SO(3) (%)', '≥ 95', (d) => d.groupAccRotated, 95],
  ['the same through a 20 Hz device (50 → 20 → 50 Hz) (%)', '', (d) => d.groupAccRotated20Hz],
  ['rotation consistency of the group, mean (%)', '≥ 99', (d) => d.consistencyMean, 99],
  ['consistency, worst rotation / 5th percentile window (%)', '', (d) => `${d.consistencyWorst} / ${d.consistencyP5}`],
  ['ECE of the group probabilities under rotation (%)', '≤ 5', (d) => d.groupEce, 5, false],
  ["the same with the placement's group temperature (`placement` given) (%)", '≤ 5', (d) => d.groupEcePlacement ?? '–'],
  ['6-class after ideal orientation calibration (waist only) (%)', '', (d) => d.acc6Calibrated ?? '–'],
  ['ECE of the 6-class probabilities, calibrated (%)', '≤ 5', (d) => d.classEce ?? '–'],
  [
    'self-calibration from 20 s of walking: posture of still windows (%)',
    '≥ 90',
    (d) =>
      `${d.selfCalibration.posture} (${d.selfCalibration.placement}; ${d.selfCalibration.sessionsWithoutWalk} of ${d.selfCalibration.sessions} sessions without 20 s of walking)`,
  ],
  [
    "the same with the 6-class head after turning the walking vertical onto the model's up (%)",
    '',
    (d) => d.selfCalibration.postureByHead ?? '–',
  ],
  ['probe: gravity direction from z_var, R² / mean cosine', 'cos ≥ 0.9', (d) => `${d.probe.var.r2} / ${d.probe.var.cosine}`],
  ['probe: gravity direction from z_inv, R² / mean cosine', 'R² ≤ 0.2', (d) => `${d.probe.inv.r2} / ${d.probe.inv.cosine}`],
];
for (const ds of ['uci', 'motionsense']) {
  L.push(
    `| **${ds === 'uci' ? 'UCI HAR test subjects (waist)' : 'MotionSense test subjects (pocket)'}** | |` + cross.map(() => ' |').join(''),
  );
  for (const [name, target, get] of rows)
    L.push(`| ${name} | ${target} | ` + cross.map((r) => String(get(r.datasets[ds]))).join(' | ') + ' |');
}
L.push(
  '',
  `Temperatures (classes / groups): ` +
    cross
      .map(
        (r) =>
          `\`${r.path}\` ${r.temperature.classes} / ${r.temperature.groups}` +
          (r.temperature.groupsByPlacement
            ? ` (groups at the waist ${r.temperature.groupsByPlacement.waist}, in a pocket ${r.temperature.groupsByPlacement.pocket})`
            : ''),
      )
      .join('; ') +
    '.',
  '',
);
const s = shipped.datasets;
L.push('## Targets, plainly', '');
L.push(
  `- Grouped accuracy under rotation ≥ 95 %: UCI HAR ${ok(s.uci.groupAccRotated, 95)}, MotionSense ${ok(s.motionsense.groupAccRotated, 95)}.`,
);
L.push(`- Consistency ≥ 99 %: UCI HAR ${ok(s.uci.consistencyMean, 99)}, MotionSense ${ok(s.motionsense.consistencyMean, 99)}.`);
L.push(
  `- ECE ≤ 5 % on held-out subjects: group UCI HAR ${ok(s.uci.groupEce, 5, false)}, MotionSense ${ok(s.motionsense.groupEce, 5, false)}; 6-class (calibrated, waist) ${ok(s.uci.classEce, 5, false)}.` +
    (s.uci.groupEcePlacement === undefined
      ? ''
      : ` With the placement given (\`classify(encoder, { placement })\`), the group temperature of that placement applies: UCI HAR ${ok(s.uci.groupEcePlacement, 5, false)}, MotionSense ${ok(s.motionsense.groupEcePlacement, 5, false)}; without it, the pooled temperature above.`),
);
L.push(
  `- Self-calibration ≥ 90 %: MotionSense sit/stand (pocket) ${ok(s.motionsense.selfCalibration.posture, 90)}; UCI HAR sit/stand/lay (waist) ${ok(s.uci.selfCalibration.posture, 90)}.`,
);
L.push(
  `- z_var structured (gravity cosine ≥ 0.9): UCI HAR ${ok(s.uci.probe.var.cosine, 0.9)}, MotionSense ${ok(s.motionsense.probe.var.cosine, 0.9)}; z_inv free of it (R² ≤ 0.2): UCI HAR ${ok(s.uci.probe.inv.r2, 0.2, false)}, MotionSense ${ok(s.motionsense.probe.inv.r2, 0.2, false)}.`,
);
if (model === 'acc')
  L.push(
    '- Accelerometer-only targets: grouped ≥ 92 % ' +
      (s.uci.groupAccRotated >= 92 && s.motionsense.groupAccRotated >= 92 ? '(met on both)' : '(NOT met on both)') +
      ', consistency ≥ 99 % ' +
      (s.uci.consistencyMean >= 99 && s.motionsense.consistencyMean >= 99 ? '(met on both)' : '(NOT met on both)') +
      '.',
  );
const lodo = model === 'acc' ? [] : Object.entries(cmp.runs).filter(([n]) => n.startsWith('lodo-'));
for (const [n, e] of lodo)
  for (const [ds, d] of Object.entries(e.datasets as Record<string, any>))
    L.push(
      `- Leave one dataset out (≥ 90 %): \`${n}\` (trained on ${n.includes('uci') ? 'UCI HAR only' : 'MotionSense only'}, short schedule) tested on ${ds}: grouped under rotation ${ok(d.groupAccRotated, 90)}, consistency ${d.consistencyMean} %.`,
    );
if (model === 'acc') {
  await writeFile(`models/cards/${model}-cross.md`, L.join('\n') + '\n');
  process.exit(0);
}
L.push('', '## The comparison (short common schedule, seeds)', '');
L.push(
  "Every variant: the same data (UCI HAR + MotionSense training subjects), the same realism (sensor error, 20–50 Hz band-limiting), the same architecture, 4 epochs × 100 steps of 64 windows, seeds 1–3. `plain`: windows as recorded; `aug`: a uniform SO(3) rotation for both heads; `control`: the SCL views (task head: yaw about the vertical; group head and SCL positive: SO(3)) with λ = 0; `scl`: the paper's loss, λ = 1, β = 1; `ours`: `scl` plus the equivariance term (a linear map of z_var predicts gravity's direction in the device frame, weight 1). Mean ± sd (n seeds); 2 rotations per window; the figures as above.",
  '',
);
const F = [
  'groupAccRotated',
  'consistencyMean',
  'groupAccRotated20Hz',
  'groupEce',
  'acc6Calibrated',
  'selfCalPosture',
  'probeVarCos',
  'probeInvR2',
];
L.push('| variant | dataset | ' + F.join(' | ') + ' |', '|' + ' --- |'.repeat(F.length + 2));
const fmt = (x: any) => (x ? `${x.mean.toFixed(2)} ± ${x.n > 1 ? x.sd.toFixed(2) : '–'} (${x.n})` : '–');
for (const v of ['plain', 'aug', 'control', 'scl', 'ours'])
  for (const ds of ['uci', 'motionsense'])
    if (cmp.table[v]) L.push(`| ${v} | ${ds} | ` + F.map((f) => fmt(cmp.table[v][ds][f])).join(' | ') + ' |');
L.push('', '## What SCL adds, and what it does not', '');
L.push('Read from the table above (3 seeds, short schedule) and the full-schedule runs (seed 1):', '');
L.push(
  "- Rotation invariance of the group comes from the views, not from the loss: the λ = 0 control with the SCL views is within about one seed-to-seed standard deviation of SCL on grouped accuracy and consistency, and plain augmentation is as accurate and the most consistent. The paper's loss adds a fraction of a point (SCL − control: grouped +0.2 / +0.4, consistency +0.9 / +0.6 points on UCI HAR / MotionSense), about the size of the spread.",
);
L.push(
  '- What the SCL views (and not plain augmentation) keep is the posture after calibration: the task head trained under yaw only recovers the six classes (≈ 88 % at this schedule, ≈ 91 % at full), augmentation cannot (≈ 65 %).',
);
L.push(
  "- The paper's variant term does not make z_var encode the rotation: its gravity probe is no better than the control's. Our equivariance term does (cosine 0.99 on both datasets), at no significant cost in accuracy, but neither variant frees z_inv of the orientation (probe R² far above 0.2): cosine invariance of z_inv leaves a small linearly readable component.",
);
L.push(
  "- The shipped model is the one best on cross-dataset grouped accuracy at the full schedule: the paper's loss without the equivariance term (`models/imu.onnx`); the equivariance model is kept as `models/variants/imu-equi.onnx`. The two differ by less than the seed spread.",
);
L.push(
  '- Leaving one dataset out fails: a model trained on one phone and placement reaches about two thirds on the other (target ≥ 90 %). Device and placement diversity in training is what makes the shipped model generalise, not the loss.',
);
await writeFile(`models/cards/${model}-cross.md`, L.join('\n') + '\n');
console.log(L.join('\n'));
