// A small Conv1D encoder built in the test itself (seeded random weights) with the same shape of
// graph the trained models have: [layout transpose] → Conv → Relu → Conv → Relu →
// GlobalAveragePool → Flatten → Gemm (embedding) → Gemm (logits). The plain-TypeScript forward
// pass below is the independent reference the runtimes are compared with.
import { createHash } from 'node:crypto';
import type { ChannelInfo } from '../../src/core/batch.js';
import type { InputLayout, ModelEntry } from '../../src/model/manifest.js';
import { OnnxGraph } from '../../src/training/onnx/graph.js';

/** Architecture and seed of a fixture encoder. */
export interface FixtureSpec {
  channels: ChannelInfo[];
  rate: number;
  window: number;
  hidden: number;
  kernel: number;
  dim: number;
  split: [inv: number, vr: number];
  classes: string[];
  layout: InputLayout;
  seed: number;
  kind?: ModelEntry['kind'];
  normalize?: ModelEntry['preprocessing']['normalize'];
  gravity?: ModelEntry['preprocessing']['gravity'];
}

/** Weights of a fixture encoder (ONNX layouts: conv [out, in, k], gemm [in, out]). */
export interface FixtureWeights {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  wd: Float32Array;
  bd: Float32Array;
  wc: Float32Array;
  bc: Float32Array;
}

/** A fixture model: bytes, matching manifest entry and weights. */
export interface FixtureModel {
  bytes: Uint8Array;
  entry: ModelEntry;
  weights: FixtureWeights;
  spec: FixtureSpec;
}

/** The IMU-like default: 6 channels (acc in g, gyro in rad/s), 50 Hz, 2.56 s windows. */
export const imuSpec: FixtureSpec = {
  channels: [
    { name: 'ax', unit: 'g' },
    { name: 'ay', unit: 'g' },
    { name: 'az', unit: 'g' },
    { name: 'gx', unit: 'rad/s' },
    { name: 'gy', unit: 'rad/s' },
    { name: 'gz', unit: 'rad/s' },
  ],
  rate: 50,
  window: 128,
  hidden: 16,
  kernel: 5,
  dim: 12,
  split: [6, 3],
  classes: ['walk', 'sit', 'stand'],
  layout: 'NCT',
  seed: 7,
  kind: 'imu',
  normalize: 'none',
  gravity: 'keep',
};

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296 - 0.5;
  };
}

const fill = (n: number, r: () => number, scale: number) => Float32Array.from({ length: n }, () => r() * scale);

/** Builds the ONNX bytes, manifest entry and weights of a fixture encoder. */
export function buildFixtureModel(spec: FixtureSpec = imuSpec): FixtureModel {
  const { hidden: h, kernel: k, dim, classes } = spec;
  const c = spec.channels.length;
  const r = rng(spec.seed);
  const weights: FixtureWeights = {
    w1: fill(h * c * k, r, 2 / Math.sqrt(c * k)),
    b1: fill(h, r, 0.2),
    w2: fill(h * h * k, r, 2 / Math.sqrt(h * k)),
    b2: fill(h, r, 0.2),
    wd: fill(h * dim, r, 2 / Math.sqrt(h)),
    bd: fill(dim, r, 0.2),
    wc: fill(dim * classes.length, r, 2 / Math.sqrt(dim)),
    bc: fill(classes.length, r, 0.2),
  };
  const g = new OnnxGraph('fixture');
  const x = spec.layout === 'NCT' ? g.input('x', ['batch', c, spec.window]) : g.input('x', ['batch', spec.window, c]);
  const nct = spec.layout === 'NCT' ? x : g.node('Transpose', [x], { perm: { ints: [0, 2, 1] } });
  const conv1 = g.node('Conv', [nct, g.constant(weights.w1, [h, c, k], 'w1'), g.constant(weights.b1, [h], 'b1')], {
    kernel_shape: { ints: [k] },
  });
  const r1 = g.node('Relu', [conv1]);
  const conv2 = g.node('Conv', [r1, g.constant(weights.w2, [h, h, k], 'w2'), g.constant(weights.b2, [h], 'b2')], {
    kernel_shape: { ints: [k] },
  });
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [g.node('Relu', [conv2])])]);
  const emb = g.node('Gemm', [pooled, g.constant(weights.wd, [h, dim], 'wd'), g.constant(weights.bd, [dim], 'bd')]);
  g.output(emb, ['batch', dim], 'embedding');
  const logits = g.node('Gemm', [emb, g.constant(weights.wc, [dim, classes.length], 'wc'), g.constant(weights.bc, [classes.length], 'bc')]);
  g.output(logits, ['batch', classes.length], 'logits');
  const bytes = new Uint8Array(g.toBytes()); // a plain copy (protobufjs hands out a Node Buffer, whose slice() shares memory)
  const [inv, vr] = spec.split;
  const entry: ModelEntry = {
    file: 'fixture.onnx',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    kind: spec.kind ?? 'imu',
    channels: spec.channels,
    sampleRate: spec.rate,
    windowSamples: spec.window,
    input: { name: 'x', layout: spec.layout },
    outputs: { embedding: 'embedding', logits: 'logits' },
    embedding: { dim, inv: [0, inv], var: [inv, inv + vr], free: [inv + vr, dim] },
    classes,
    preprocessing: { gravity: spec.gravity ?? 'keep', normalize: spec.normalize ?? 'none', calibration: 'none' },
  };
  return { bytes, entry, weights, spec };
}

/**
 * Reference forward pass in plain float64 TypeScript over one planar `[channel][time]` window.
 * Returns the embedding and logits.
 */
export function referenceForward(m: FixtureModel, planar: Float32Array): { embedding: Float64Array; logits: Float64Array } {
  const { hidden: h, kernel: k, dim, window: t } = m.spec;
  const c = m.spec.channels.length;
  const { w1, b1, w2, b2, wd, bd, wc, bc } = m.weights;
  const conv = (x: ArrayLike<number>, inC: number, len: number, w: Float32Array, b: Float32Array) => convRelu(x, inC, len, w, b, h, k);
  const y1 = conv(planar, c, t, w1, b1);
  const y2 = conv(y1, h, t - k + 1, w2, b2);
  const len2 = t - 2 * (k - 1);
  const pooled = new Float64Array(h);
  for (let o = 0; o < h; o++) {
    let s = 0;
    for (let i = 0; i < len2; i++) s += y2[o * len2 + i]!;
    pooled[o] = s / len2;
  }
  const embedding = new Float64Array(dim);
  for (let d = 0; d < dim; d++) {
    let s = bd[d]!;
    for (let o = 0; o < h; o++) s += pooled[o]! * wd[o * dim + d]!;
    embedding[d] = s;
  }
  const nk = m.spec.classes.length;
  const logits = new Float64Array(nk);
  for (let q = 0; q < nk; q++) {
    let s = bc[q]!;
    for (let d = 0; d < dim; d++) s += embedding[d]! * wc[d * nk + q]!;
    logits[q] = s;
  }
  return { embedding, logits };
}

/**
 * A valid (unpadded) 1-D convolution followed by ReLU in float64, planar `[channel][time]`:
 * `y[o][i] = max(0, b[o] + Σ_c Σ_j w[o][c][j] · x[c][i + j])`.
 */
export function convRelu(
  x: ArrayLike<number>,
  inC: number,
  len: number,
  w: Float32Array,
  b: Float32Array,
  outC: number,
  k: number,
): Float64Array {
  const outLen = len - k + 1;
  const y = new Float64Array(outC * outLen);
  for (let o = 0; o < outC; o++)
    for (let i = 0; i < outLen; i++) {
      let s = b[o]!;
      for (let ci = 0; ci < inC; ci++) for (let j = 0; j < k; j++) s += w[(o * inC + ci) * k + j]! * x[ci * len + i + j]!;
      y[o * outLen + i] = Math.max(0, s);
    }
  return y;
}
