import { ACTIVITY_GROUPS } from '../scl/classification.js';
import type { SclDims } from '../scl/loss.js';
import type { EcgEvaluation } from './eval-ecg.js';
import type { ImuEvaluation } from './eval-imu.js';
import { barChart, heatmap, lineChart } from './svg.js';

/** Everything a model card shows. */
export interface CardInput {
  readonly task: 'ecg' | 'imu' | 'acc';
  /** Model labels in column order (baselines first, the shipped SCL model last). */
  readonly labels: readonly string[];
  readonly files: readonly string[];
  readonly modes: readonly string[];
  readonly dims: readonly SclDims[];
  readonly results: readonly (EcgEvaluation | ImuEvaluation)[];
  /** Parsed `results.json` of ablation runs (with a `run` name). */
  readonly ablations: readonly Record<string, unknown>[];
  /** The task's entry of `models/manifest.json`, if any. */
  readonly manifestEntry?: unknown;
  readonly up?: readonly number[];
  /** The `shift_average` metadata shared by every compared model (`ship --shift-average`), if any. */
  readonly shiftAverage?: { copies: number; step: number; samples: number };
  /** The `inv_map` metadata shared by every compared model (`ship --whiten-records`), if any. */
  readonly invMap?: { alpha: number; shiftWeight: number; data: string; records: number; windows: number };
  /** Wall time of the evaluation in seconds. */
  readonly seconds: number;
}

const HAR6 = ['WALKING', 'UPSTAIRS', 'DOWNSTAIRS', 'SITTING', 'STANDING', 'LAYING'];
type Row = [figure: string, target: string, values: (number | string)[], pass?: (v: number) => boolean];

const show = (v: number | string, unit = '') => (typeof v === 'string' ? v : Number.isNaN(v) ? '–' : `${+v.toFixed(4)}${unit}`);

function table(labels: readonly string[], rows: Row[]): string {
  const head = `| figure | target | ${labels.join(' | ')} | target met (last column) |\n|---|---|${labels.map(() => '---|').join('')}---|`;
  const body = rows.map(([fig, target, vals, pass]) => {
    const last = vals[vals.length - 1];
    const met = pass && typeof last === 'number' ? (pass(last) ? 'yes' : '**no**') : '';
    return `| ${fig} | ${target} | ${vals.map((v) => show(v)).join(' | ')} | ${met} |`;
  });
  return [head, ...body].join('\n');
}

function ecgRows(r: readonly EcgEvaluation[]): Row[] {
  return [
    ['mean cos(z_inv(x), z_inv(x shifted)) over one cycle', '≥ 0.95', r.map((e) => e.similarity.mean), (v) => v >= 0.95],
    ['minimum over shifts of that mean', '≥ 0.90', r.map((e) => e.similarity.min), (v) => v >= 0.9],
    ['worst single window and shift', '–', r.map((e) => e.similarity.worst)],
    ['mean cos(z_inv) between windows of different records (contrast)', 'well below the above', r.map((e) => e.otherRecords)],
    ['mean cos on the whole z', '–', r.map((e) => e.similarityFullZ.mean)],
    [
      `record retrieval top-1, window cut ${r[0]?.retrievalShift ?? 0.4} s later`,
      '≥ 0.95',
      r.map((e) => e.retrievalTop1),
      (v) => v >= 0.95,
    ],
    ['mean cosine distance of z_inv, window vs shifted views', '≈ 0', r.map((e) => e.transformDistance.inv)],
    ['mean cosine distance of z_var, window vs shifted views', '> z_inv', r.map((e) => e.transformDistance.var)],
    ['probe R² of the shift (fraction of cycle) from z_var', '> z_inv', r.map((e) => e.probe.var)],
    ['probe R² of the shift from z_inv', '–', r.map((e) => e.probe.inv)],
    ['centred cos(z_inv), window vs shifted view: mean over windows × shifts', '–', r.map((e) => e.honest.invariance.mean)],
    ['centred cos(z_inv): 5th percentile over windows × shifts', '≥ 0.90', r.map((e) => e.honest.invariance.p5), (v) => v >= 0.9],
    ['centred cos(z_inv): worst window and shift', '–', r.map((e) => e.honest.invariance.worst)],
    ['uncentred cos(z_inv): 5th percentile', '–', r.map((e) => e.honest.invariance.rawP5)],
    [
      'centred cos on the whole z: mean / 5th percentile',
      '–',
      r.map((e) => `${e.honest.invarianceFullZ.mean} / ${e.honest.invarianceFullZ.p5}`),
    ],
    ['centred cos(z_inv) between windows of different records', 'well below', r.map((e) => e.honest.otherRecordsCentred)],
    ['cross-half record retrieval top-1, z_inv', '≥ 0.95', r.map((e) => e.honest.crossHalf.inv), (v) => v >= 0.95],
    ['cross-half retrieval top-1, whole z', '–', r.map((e) => e.honest.crossHalf.full)],
    ['cross-half retrieval top-1, DFT-magnitude baseline (same windows)', '≥ 0.10 below z_inv', r.map((e) => e.honest.crossHalf.spectral)],
    ["probe R² of the cardiac phase (cos, sin) from one window's z_var", '≥ 0.8', r.map((e) => e.honest.phaseProbe.var), (v) => v >= 0.8],
    ['probe R² of the cardiac phase from z_inv', '≤ 0.2', r.map((e) => e.honest.phaseProbe.inv), (v) => v <= 0.2],
    ['beat-class probe (N/S/V), balanced accuracy, z_inv', '> plain', r.map((e) => e.honest.beatProbe.inv)],
    ['beat-class probe, balanced accuracy, whole z', '–', r.map((e) => e.honest.beatProbe.full)],
    ['rhythm probe (sinus / AF / other, LUDB lead II), balanced accuracy, z_inv', '> plain', r.map((e) => e.honest.rhythmProbe.inv)],
    ['rhythm probe, balanced accuracy, whole z', '–', r.map((e) => e.honest.rhythmProbe.full)],
  ];
}

function imuRows(task: 'imu' | 'acc', r: readonly ImuEvaluation[]): Row[] {
  const [g, c] = task === 'imu' ? [92, 98] : [88, 97];
  return [
    ['6-class accuracy, unrotated (%)', task === 'imu' ? '≥ 93' : '–', r.map((e) => e.acc6), task === 'imu' ? (v) => v >= 93 : undefined],
    ['grouped accuracy, unrotated (%)', '–', r.map((e) => e.groupAcc)],
    [
      `grouped accuracy under SO(3), ${r[0]?.rotations ?? 10} rotations/window (%)`,
      `≥ ${g}`,
      r.map((e) => e.groupAccRotated),
      (v) => v >= g,
    ],
    ['rotation consistency of the grouped prediction, mean (%)', `≥ ${c}`, r.map((e) => e.consistencyMean), (v) => v >= c],
    ['rotation consistency, worst rotation (%)', '–', r.map((e) => e.consistencyWorst)],
    ['6-class accuracy under SO(3), no calibration (%)', '–', r.map((e) => e.acc6Rotated)],
    [
      '6-class accuracy under SO(3) after orientation calibration (%)',
      task === 'imu' ? '≥ 90' : '–',
      r.map((e) => e.acc6Calibrated),
      task === 'imu' ? (v) => v >= 90 : undefined,
    ],
    ['mean cosine distance of z_inv, window vs rotated view', '≈ 0', r.map((e) => e.transformDistance.inv)],
    ['mean cosine distance of z_var, window vs rotated view', '> z_inv', r.map((e) => e.transformDistance.var)],
    ['probe R²: gravity direction in the device frame from z_var(Rx)', '> z_inv', r.map((e) => e.probe.gravity.var)],
    ['probe R²: same from z_inv(Rx)', '–', r.map((e) => e.probe.gravity.inv)],
    ['probe R²: rotation angle from pair features of z_var(x), z_var(Rx)', '> z_inv', r.map((e) => e.probe.angle.var)],
    ['probe R²: same from z_inv', '–', r.map((e) => e.probe.angle.inv)],
  ];
}

function ablationTable(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '_No ablation results (`--ablations DIR` with `DIR/*/results.json`)._';
  const metricKeys = [
    ...new Set(
      rows.flatMap((r) =>
        Object.entries((r.metrics ?? {}) as Record<string, unknown>)
          .filter(([, v]) => typeof v === 'number')
          .map(([k]) => k),
      ),
    ),
  ];
  const head = `| run | mode | d_inv / d_var / d_free | β | epochs | ${metricKeys.join(' | ')} | wall s |\n|---|---|---|---|---|${metricKeys.map(() => '---|').join('')}---|`;
  const body = rows.map((r) => {
    const o = (r.options ?? {}) as { dims?: SclDims; beta?: number; epochs?: number };
    const m = (r.metrics ?? {}) as Record<string, number>;
    const d = o.dims ? `${o.dims.inv} / ${o.dims.var} / ${o.dims.free}` : '–';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the fields of a results.json are strings and numbers
    const [mode, wall] = [r.mode, r.wallSeconds].map((v) => String(v ?? '–'));
    return `| ${String(r.run)} | ${mode} | ${d} | ${o.beta ?? '–'} | ${o.epochs ?? '–'} | ${metricKeys.map((k) => show(m[k] ?? NaN)).join(' | ')} | ${wall} |`;
  });
  return [head, ...body].join('\n');
}

/**
 * Renders a model card and its figures: `[fileName, text]` pairs (`<task>.md` and SVGs).
 *
 * @param c - the evaluation results and context
 * @internal
 * @example
 * ```ts
 * for (const [name, text] of renderCard(card)) writeFileSync(join('models/cards', name), text);
 * ```
 */
export function renderCard(c: CardInput): [string, string][] {
  const files: [string, string][] = [];
  const t = c.task;
  const fig = (name: string, svg: string) => (files.push([`${t}-${name}.svg`, svg]), `![${name}](${t}-${name}.svg)`);
  const models = c.labels.map(
    (l, i) =>
      `- **${l}**: \`${c.files[i]}\` (mode ${c.modes[i]}, d_inv/d_var/d_free = ${c.dims[i]!.inv}/${c.dims[i]!.var}/${c.dims[i]!.free})`,
  );
  const figures: string[] = [];
  let rows: string;
  let notes: string;
  if (t === 'ecg') {
    const r = c.results as EcgEvaluation[];
    rows = table(c.labels, ecgRows(r));
    figures.push(
      fig(
        'similarity',
        lineChart(
          {
            title: 'ECG: cos(z_inv(x), z_inv(x cut s later)) on DS2',
            xLabel: 'shift s (fraction of the local cardiac cycle)',
            yLabel: 'cosine similarity',
          },
          r.map((e, i) => ({ name: c.labels[i]!, x: e.fractions, y: e.similarity.meanCurve, low: e.similarity.minCurve })),
          [Math.min(0, ...r.flatMap((e) => e.similarity.minCurve)), 1],
        ),
      ),
    );
    notes = ECG_NOTES(r[0], c.shiftAverage, c.invMap);
  } else {
    const r = c.results as ImuEvaluation[];
    const last = r[r.length - 1]!;
    rows = table(c.labels, imuRows(t, r));
    figures.push(
      fig(
        'confusion',
        heatmap(
          { title: `${c.labels[r.length - 1]}: unrotated test windows`, xLabel: 'predicted', yLabel: 'true' },
          HAR6,
          HAR6,
          last.confusion6,
        ),
      ),
      fig(
        'confusion-rotated',
        heatmap(
          { title: `${c.labels[r.length - 1]}: groups under random rotations`, xLabel: 'predicted', yLabel: 'true' },
          [...ACTIVITY_GROUPS],
          [...ACTIVITY_GROUPS],
          last.confusionGroupsRotated,
        ),
      ),
      fig(
        'consistency',
        barChart(
          {
            title: 'Rotations (of 10) that keep the grouped prediction',
            xLabel: 'rotations keeping the unrotated prediction',
            yLabel: '% of test windows',
          },
          last.consistencyHistogram.map((_, k) => String(k)),
          r.map((e, i) => ({ name: c.labels[i]!, values: e.consistencyHistogram.map((v) => (100 * v) / e.windows) })),
        ),
      ),
    );
    notes = IMU_NOTES(t, r[0], c.up);
  }
  const card = [
    `# \`${t}\` encoder: model card`,
    '',
    `Generated by \`scl-wear evaluate --model ${t}\` (onnxruntime-node on the exported files; ${c.seconds} s). Do not edit by hand.`,
    '',
    '## Models compared',
    ...models,
    c.manifestEntry
      ? `\nShipped entry of \`models/manifest.json\`:\n\n\`\`\`json\n${JSON.stringify(c.manifestEntry, null, 2)}\n\`\`\``
      : '',
    '',
    '## Results',
    '',
    rows,
    '',
    ...figures.flatMap((f) => [f, '']),
    notes,
    '',
    '## Ablations',
    '',
    "Figures from the training runs' own test metrics (shorter schedules than the shipped model).",
    '',
    ablationTable(c.ablations),
    '',
  ].join('\n');
  files.unshift([`${t}.md`, card]);
  return files;
}

const shiftNote = (s: CardInput['shiftAverage']) => {
  if (!s) return '';
  return `\n- Shift averaging (ours): each model here reads a window ${s.step * (s.copies - 1)} samples longer than its encoder's ${s.samples} and averages z_inv over ${s.copies} sub-windows ${s.step} samples apart, each z-scored on its own (\`scl-wear ship --shift-average\`); z_var and z_free come from the first sub-window, the class logits are averaged. Every window below, the baseline's included, is that longer window.`;
};

const mapNote = (m: CardInput['invMap']) =>
  m
    ? `\n- Record whitening (ours): z_inv then goes through a fixed affine map fitted on training records only (${m.data}; ${m.records} records, ${m.windows} windows), \`z' = W (z_inv − mean)\`, W the inverse square root of the within-record scatter plus ${m.shiftWeight} × the scatter between a window and its view cut up to one beat earlier, ridge α = ${m.alpha} (\`scl-wear ship --whiten-records\`). Every model here has its own map, fitted the same way.`
    : '';

const ECG_NOTES = (
  e: EcgEvaluation | undefined,
  shiftAverage?: CardInput['shiftAverage'],
  invMap?: CardInput['invMap'],
) => `## How these figures are measured${shiftNote(shiftAverage)}${mapNote(invMap)}
- Test data: MIT-BIH Arrhythmia DS2 records (de Chazal et al. 2004 inter-patient split), never seen in training; ${e?.windows ?? 0} windows from ${e?.records ?? 0} records, evenly spaced in each record.
- Shift: a real window offset, the same continuous record cut s samples later (not a circular roll), s on a grid of ${e?.fractions.length ?? 0} points from 0 to one whole local cardiac cycle (median RR of the reference beats in the window, clamped to 0.3–2 s). The band shows the lowest window at each shift.
- Retrieval: each window cut ${e?.retrievalShift ?? 0.4} s later is compared by z_inv cosine with the unshifted windows of all test records (its own unshifted window included); top-1 counts a neighbour from the same record.
- Centred cosine: the mean z_inv of the test windows is subtracted before the cosine, so the figure is not flattered by what every ECG window shares (uncentred, windows of different records already score about 0.8 on some models). Percentiles and the worst case are over every (window, shift) pair with a non-zero shift.
- Cross-half retrieval: ${e?.honest.crossHalf.queries ?? 0} queries, 10 windows evenly spaced in the first half of each test record; the gallery is 10 windows from the second half of every test record (no query shares a sample with any gallery window); centred cosine, top-1 counts a window of the same record. Baseline: the DFT magnitude (0.5–40 Hz bins) of the same z-scored windows, centred the same way.
- Phase probe (ours): ridge regression from one window's slice to (cos 2πφ, sin 2πφ), φ the window start's position between the reference beats around it (0 at a beat); every unshifted and shifted view is a row; fitted on the even-indexed test records, R² (mean of both outputs) on the others.
- Beat-class probe: one-vs-rest ridge on the unshifted windows' slice to the window's class (V > S > N; windows with a fusion beat left out), fitted on the even-indexed test records, balanced accuracy on the others (inter-patient).
- Rhythm probe: LUDB (another device, 500 Hz resampled to the model rate) lead II of the 100 held-out subjects (even-numbered; \`scl-wear train --ludb\` trains on the odd-numbered ones), ${e?.honest.rhythmProbe.windows ?? 0} windows (every second after 2 s of each 10 s record), class from the record's rhythm (sinus, atrial fibrillation, other); one-vs-rest ridge fitted on subjects 4, 8, …, 200, balanced accuracy on subjects 2, 6, …, 198 (classes present there: sinus and AF, 2 AF subjects). n/a without \`ludb/\` in the data folder.
- Probe (ours): ridge regression from the pair features [â ⊙ b̂, (â − b̂)²] of the unit-scaled slices of z(x) and z(x shifted) to the shift as a fraction of the cycle, fitted on half the records and scored (R²) on the other half.`;

const IMU_NOTES = (task: string, e: ImuEvaluation | undefined, up: readonly number[] | undefined) => `## How these figures are measured
- Test data: UCI HAR test subjects (2, 4, 9, 10, 12, 13, 18, 20, 24), never seen in training; ${e?.windows ?? 0} windows of 2.56 s at 50 Hz; input ${task === 'imu' ? 'total acceleration (g) and gyroscope (rad/s)' : 'total acceleration (g) only'}.
- Physics first: under an arbitrary device rotation, sitting, standing and laying differ only in where gravity points relative to the body, so no rotation-invariant model can tell them apart from one window. Rotated accuracy is therefore reported on the groups {WALKING, WALKING_UPSTAIRS, WALKING_DOWNSTAIRS, STATIC}; the grouped prediction is the group head on z_inv when the model has one.
- Rotations: ${e?.rotations ?? 10} uniform random SO(3) rotations per window (from uniform unit quaternions, seeded, the same for every model), applied to accelerometer and gyroscope alike. Consistency = 100 × fraction of windows whose grouped prediction is unchanged, per rotation; mean and worst over the rotations.
- Orientation calibration: each recording session (experiment) gets one random device rotation; its first STANDING windows (2 × 2.56 s, 50 % overlap: about 3.8 s) give the gravity direction, rotated onto the training frame's standing "up" (${up ? `[${up.map((v) => v.toFixed(3)).join(', ')}]` : 'from the model'}). Yaw about gravity stays unknown, which the model tolerates because it was trained under random yaw about that axis. Sessions without a still STANDING segment are left out.
- Probes (ours): ridge regression fitted on even-numbered test subjects, R² on the others; the angle probe reads the pair features [â ⊙ b̂, (â − b̂)²] of the unit-scaled slices of z(x) and z(Rx).`;
