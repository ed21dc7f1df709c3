// Rotation augmentation and the SCL reference loss over typed arrays, each against a plain
// array-of-vectors implementation measured in the same run.
import { sclLoss } from '../src/scl/loss.js';
import { createRng } from '../src/core/random.js';
import { randomRotations, rotateWindows } from '../src/scl/transforms.js';
import { measureRate, type BenchSuite } from './suite.js';

const count = 64;
const frames = 128;
const channels = 6;
const shape = { frames, channels, layout: 'planar' } as const;

/** Baseline: windows as nested arrays of 3-vectors, a new vector per frame. */
function rotateNaive(x: number[][][], rs: Float64Array): number[][][] {
  return x.map((win, w) => {
    const r = Array.from(rs.subarray(w * 9, w * 9 + 9));
    return win.map((v) => [0, 1, 2].map((i) => r[3 * i]! * v[0]! + r[3 * i + 1]! * v[1]! + r[3 * i + 2]! * v[2]!));
  });
}

export const sclSuite: BenchSuite = {
  name: 'scl',
  summary: 'rotateWindows (64 windows of 6×128) vs nested arrays; sclLoss (batch 64, d 64) vs a map/reduce version',
  async run() {
    const rng = createRng(1);
    const x = Float32Array.from({ length: count * channels * frames }, () => rng.normal());
    const out = new Float32Array(x.length);
    const rs = randomRotations(rng, count);
    const nested = Array.from({ length: count }, (_, w) =>
      Array.from({ length: frames * 2 }, (_, k) => {
        const c = 3 * Math.floor(k / frames);
        const t = k % frames;
        return [0, 1, 2].map((i) => x[(w * channels + c + i) * frames + t]!);
      }),
    );
    const samples = count * frames;
    const ours = measureRate(() => rotateWindows(x, count, shape, rs, out), samples);
    const naive = measureRate(() => rotateNaive(nested, rs), samples);

    const d = 64;
    const z = Float32Array.from({ length: count * d }, () => rng.normal());
    const zT = Float32Array.from({ length: count * d }, () => rng.normal());
    const dims = { inv: 32, var: 16, free: 16 };
    const rows = (a: Float32Array) => Array.from({ length: count }, (_, i) => Array.from(a.subarray(i * d, i * d + d)));
    const [za, zb] = [rows(z), rows(zT)];
    const dist = (a: number[], b: number[]) => {
      const dot = a.reduce((s, v, k) => s + v * b[k]!, 0);
      return 1 - dot / Math.max(Math.hypot(...a) * Math.hypot(...b), 1e-8);
    };
    const lossNaive = () =>
      za.reduce((s, a, i) => {
        const inv = a.slice(0, 32);
        const neg = za.filter((_, j) => j !== i).reduce((t, o) => t + dist(inv, o.slice(0, 32)), 0) / (count - 1);
        return s + dist(inv, zb[i]!.slice(0, 32)) / ((1 + dist(a.slice(32, 48), zb[i]!.slice(32, 48))) * neg + 1e-3);
      }, 0) / count;
    const loss = measureRate(() => sclLoss(z, zT, count, dims), count);
    const lossRef = measureRate(lossNaive, count);
    return {
      rotateSamplesPerSec: ours,
      rotateNaiveSamplesPerSec: naive,
      rotateSpeedup: ours / naive,
      lossWindowsPerSec: loss,
      lossNaiveWindowsPerSec: lossRef,
      lossSpeedup: loss / lossRef,
    };
  },
};
