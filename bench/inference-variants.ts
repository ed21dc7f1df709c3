// What the graph and the input can change on onnxruntime-web WASM (1 thread), batch 8, on the
// inference benchmark model: optimisation level, Conv1D written as Conv2D, time-major input
// (NTC, a Transpose in the graph), and int8 quantisation (QDQ: QuantizeLinear/DequantizeLinear
// around every Conv input and weight, per-tensor symmetric scales calibrated on the benchmark
// windows), with the quantised model's worst cosine similarity to the float embeddings.
import type { OrtModule } from '../src/model/runtime.js';
import { WindowPacker } from '../src/model/pack.js';
import { OnnxGraph } from '../src/training/onnx/graph.js';
import { convRelu } from '../test/model/fixture-model.js';
import { benchModel, benchWindows, measureInTurns, type Runner } from './inference-setup.js';
import type { BenchFigures, BenchSuite } from './suite.js';

const [H, C, K, T, D, NK] = [64, 6, 5, 128, 64, 6];
const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
};

/** Adds an int8 initializer (OnnxGraph writes float32 and int64 only). */
function int8(g: OnnxGraph, data: Int8Array, dims: number[], name: string): string {
  const inner = g as unknown as { inits: unknown[]; names: Set<string> };
  inner.inits.push({ name, dims, data_type: 3, raw_data: new Uint8Array(data.buffer.slice(0)) });
  inner.names.add(name);
  return name;
}

/** Largest |value| after each ReLU of the float model over `x` (the activation ranges for int8). */
function ranges(x: Float32Array, n: number): [number, number] {
  const { w1, b1, w2, b2 } = benchModel().weights;
  const conv = (v: ArrayLike<number>, inC: number, len: number, w: Float32Array, b: Float32Array) => convRelu(v, inC, len, w, b, H, K);
  let [r1, r2] = [0, 0];
  for (let i = 0; i < n; i++) {
    const y1 = conv(x.subarray(i * C * T, (i + 1) * C * T), C, T, w1, b1);
    [r1, r2] = [Math.max(r1, maxAbs(y1)), Math.max(r2, maxAbs(conv(y1, H, T - K + 1, w2, b2)))];
  }
  return [r1, r2];
}

function variant(kind: 'conv2d' | 'qdq', x: Float32Array, n: number): Uint8Array {
  const { w1, b1, w2, b2, wd, bd, wc, bc } = benchModel().weights;
  const g = new OnnxGraph(kind);
  const input = g.input('x', ['batch', C, T]);
  const zp = kind === 'qdq' ? int8(g, new Int8Array(1), [], 'zp') : '';
  const act = (v: string, range: number) => {
    if (kind !== 'qdq') return v;
    const s = g.constant(new Float32Array([range / 127]), [], 's');
    return g.node('DequantizeLinear', [g.node('QuantizeLinear', [v, s, zp]), s, zp]);
  };
  const weight = (w: Float32Array, dims: number[], name: string) => {
    if (kind !== 'qdq') return g.constant(w, [...dims.slice(0, 2), 1, K], name);
    const r = maxAbs(w);
    const s = g.constant(new Float32Array([r / 127]), [], `${name}_scale`);
    return g.node('DequantizeLinear', [
      int8(
        g,
        Int8Array.from(w, (v) => Math.round((v / r) * 127)),
        dims,
        `${name}_q`,
      ),
      s,
      zp,
    ]);
  };
  const kernel = { kernel_shape: { ints: kind === 'qdq' ? [K] : [1, K] } };
  const [r1, r2] = ranges(x, n);
  const x0 = kind === 'qdq' ? act(input, maxAbs(x)) : g.node('Reshape', [input, g.int64([0, C, 1, T])]);
  const y1 = g.node('Relu', [g.node('Conv', [x0, weight(w1, [H, C, K], 'w1'), g.constant(b1, [H])], kernel)]);
  const y2 = g.node('Relu', [g.node('Conv', [act(y1, r1), weight(w2, [H, H, K], 'w2'), g.constant(b2, [H])], kernel)]);
  const e = g.node('Gemm', [g.node('Flatten', [g.node('GlobalAveragePool', [act(y2, r2)])]), g.constant(wd, [H, D]), g.constant(bd, [D])]);
  g.output(e, ['batch', D], 'embedding');
  g.output(g.node('Gemm', [e, g.constant(wc, [D, NK]), g.constant(bc, [NK])]), ['batch', NK], 'logits');
  return g.toBytes();
}

/** The `inferenceVariants` suite. */
export const inferenceVariants: BenchSuite = {
  name: 'inferenceVariants',
  summary:
    'windows/s at batch 8, onnxruntime-web WASM 1 thread: optimisation level, Conv2D form, NTC input, int8 QDQ (and its cosine to float)',
  async run() {
    const ort = (await import('onnxruntime-web')) as OrtModule;
    ort.env.wasm.numThreads = 1;
    const n = 64;
    const m = benchModel();
    const packer = new WindowPacker(m.entry);
    const x = new Float32Array(n * packer.windowSize);
    benchWindows(m, n).forEach((w, i) => packer.pack(w, x, i));
    const ntc = new Float32Array(x.length);
    for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) for (let t = 0; t < T; t++) ntc[(i * T + t) * C + c] = x[(i * C + c) * T + t]!;
    const models: Record<string, [Uint8Array, string, Float32Array, number[]]> = {
      optAll: [m.bytes, 'all', x, [C, T]],
      optBasic: [m.bytes, 'basic', x, [C, T]],
      optDisabled: [m.bytes, 'disabled', x, [C, T]],
      conv2d: [variant('conv2d', x, n), 'all', x, [C, T]],
      ntcInput: [benchModel('NTC').bytes, 'all', ntc, [T, C]],
      int8Qdq: [variant('qdq', x, n), 'all', x, [C, T]],
    };
    const runners: Record<string, Runner> = {};
    const emb: Record<string, Float32Array> = {};
    for (const [name, [bytes, level, data, dims]] of Object.entries(models)) {
      const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: level as 'all' });
      emb[name] = (await s.run({ x: new ort.Tensor('float32', data, [n, ...dims]) })).embedding!.data as Float32Array;
      const feeds = { x: new ort.Tensor('float32', data.subarray(0, 8 * C * T), [8, ...dims]) };
      runners[name] = { fn: () => s.run(feeds), work: 8, lanes: 1 };
    }
    const f: BenchFigures = {};
    for (const [name, rate] of Object.entries(await measureInTurns(runners))) f[`${name}B8`] = rate;
    let worst = 1;
    for (let i = 0; i < n; i++) {
      const [a, b] = [emb.optAll!.subarray(i * D, (i + 1) * D), emb.int8Qdq!.subarray(i * D, (i + 1) * D)];
      let [ab, aa, bb] = [0, 0, 0];
      for (let d = 0; d < D; d++) [ab, aa, bb] = [ab + a[d]! * b[d]!, aa + a[d]! ** 2, bb + b[d]! ** 2];
      worst = Math.min(worst, ab / Math.sqrt(aa * bb));
    }
    f.int8WorstCosine = worst;
    return f;
  },
};
