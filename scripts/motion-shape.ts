// Measures the shape of the body motion per dataset and class on the training subjects: for each
// window the RMS of the dynamic acceleration along its mean direction (the gravity estimate) and
// across it, and their ratio (median over windows): npx tsx scripts/motion-shape.ts
import { resolveDataDir } from '../src/io/data-dir.js';
import { loadImuCorpus } from '../src/training/imu-corpus.js';

const CLASSES = ['walking', 'upstairs', 'downstairs'];
const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
const rows = ['| dataset | class | windows | along (g) | across (g) | along / across |', '|' + ' --- |'.repeat(6)];
for (const d of ['uci', 'motionsense'] as const) {
  const set = await loadImuCorpus(resolveDataDir(), 'train', 'acc', [d]);
  const S = set.samples;
  for (let k = 0; k < CLASSES.length; k++) {
    const along: number[] = [];
    const across: number[] = [];
    for (let w = 0; w < set.count; w++) {
      if (set.y[w] !== k) continue;
      const x = set.x.subarray(w * set.channels * S, (w + 1) * set.channels * S);
      const m = [0, 1, 2].map((c) => x.subarray(c * S, (c + 1) * S).reduce((a, v) => a + v, 0) / S);
      const n = Math.hypot(...m);
      let a = 0;
      let p = 0;
      for (let t = 0; t < S; t++) {
        const v = [0, 1, 2].map((c) => x[c * S + t]! - m[c]!);
        const q = (v[0]! * m[0]! + v[1]! * m[1]! + v[2]! * m[2]!) / n;
        a += q * q;
        p += v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2 - q * q;
      }
      along.push(Math.sqrt(a / S));
      across.push(Math.sqrt(p / S));
    }
    const ratio = along.map((v, i) => v / across[i]!);
    const f = (v: number) => v.toFixed(3);
    rows.push(`| ${d} | ${CLASSES[k]} | ${along.length} | ${f(median(along))} | ${f(median(across))} | ${f(median(ratio))} |`);
  }
}
console.log(rows.join('\n'));
