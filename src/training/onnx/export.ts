import type * as tf from '@tensorflow/tfjs';
import { TrainingError } from '../../errors.js';
import { FEATURE_EPS } from '../invariant-features.js';
import {
  convInputLength,
  featureChannels,
  groupCount,
  invariantChannels,
  type ConvLayer,
  type NetworkParams,
  type NetworkSpec,
} from '../networks.js';
import { OnnxGraph, type OnnxModelOptions } from './graph.js';
import { alignCropNodes } from './align-graph.js';
import { invariantNodes } from './invariant-graph.js';

/**
 * Names of the exported model's input and outputs.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * import { ONNX_NAMES } from 'scl-wear/train';
 * const session = await ort.InferenceSession.create('models/imu.onnx');
 * const out = await session.run({ [ONNX_NAMES.input]: new ort.Tensor('float32', windows, [count, 6, 128]) });
 * const z = out[ONNX_NAMES.embedding]!.data as Float32Array;
 * ```
 */
export const ONNX_NAMES = { input: 'x', embedding: 'z', logits: 'logits', groupLogits: 'group_logits' } as const;

const values = (v: tf.Tensor): Float32Array => v.dataSync() as Float32Array;

/** `[k, cin, cout]` (tfjs conv1d filter) → `[cout, cin, k]` (ONNX Conv weight). */
function convWeight(w: tf.Tensor): Float32Array {
  const [k, cin, cout] = w.shape as [number, number, number];
  const src = values(w);
  const dst = new Float32Array(src.length);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) dst[(o * cin + i) * k + t] = src[(t * cin + i) * cout + o]!;
  }
  return dst;
}

/** Padding tfjs uses for `same`: extra padding goes after (ONNX `SAME_UPPER`). */
export function samePads(length: number, kernel: number, stride: number): [number, number, number] {
  const out = Math.ceil(length / stride);
  const total = Math.max((out - 1) * stride + kernel - length, 0);
  const before = Math.floor(total / 2);
  return [before, total - before, out];
}

interface PhysicsNodes {
  /** Vertical and horizontal parts of body acceleration (and rotation rate). */
  readonly parts: string[];
  /** The further channels of the invariant stack (see `invariantNodes`), when asked for. */
  readonly invariant: string[];
}

function physics(g: OnnxGraph, x: string, spec: NetworkSpec): PhysicsNodes {
  const channels = spec.channels;
  const eps = g.constant(new Float32Array([FEATURE_EPS]), [1], 'eps');
  const axis1 = g.int64([1], 'axis1');
  const slice = (from: number) => g.node('Slice', [x, g.int64([from]), g.int64([from + 3]), axis1]);
  const acc = slice(0);
  const mean = g.node('ReduceMean', [acc], { axes: { ints: [2] }, keepdims: { i: 1 } }, 'gravity');
  const norm = g.node('Sqrt', [g.node('Add', [g.node('ReduceSum', [g.node('Mul', [mean, mean]), axis1], { keepdims: { i: 1 } }), eps])]);
  const gHat = g.node('Div', [mean, norm], {}, 'gravity_dir');
  const split = (v: string): string[] => {
    const vert = g.node('ReduceSum', [g.node('Mul', [v, gHat]), axis1], { keepdims: { i: 1 } }, 'vertical');
    const sq = g.node('ReduceSum', [g.node('Mul', [v, v]), axis1], { keepdims: { i: 1 } });
    const hz = g.node('Sqrt', [g.node('Add', [g.node('Relu', [g.node('Sub', [sq, g.node('Mul', [vert, vert])])]), eps])], {}, 'horizontal');
    return [vert, hz];
  };
  const body = g.node('Sub', [acc, mean], {}, 'body_acc');
  const parts = split(body);
  const gyro = channels >= 6 ? slice(3) : undefined;
  if (gyro) parts.push(...split(gyro));
  return {
    parts,
    invariant: spec.invariantConv
      ? invariantNodes(g, { body, gHat, vertical: parts[0]!, gyro: spec.invariantFromAcc ? undefined : gyro }, spec.invariantFrame === true)
      : [],
  };
}

/** Conv + ReLU layers (tfjs `same` padding), then the mean over time; returns the last layer and the mean. */
function convPool(
  g: OnnxGraph,
  w: (name: string) => tf.Tensor,
  input: string,
  layers: readonly ConvLayer[],
  prefix: string,
  channels: number,
  samples: number,
): { last: string; pooled: string; filters: number } {
  let h = input;
  let length = samples;
  let cin = channels;
  layers.forEach((l, i) => {
    const cw = w(`${prefix}${i}.w`);
    if (cw.shape.join() !== [l.kernel, cin, l.filters].join())
      throw new TrainingError('E_EXPORT', `${prefix}${i}.w has shape [${cw.shape.join(', ')}]`);
    const [before, after, out] = samePads(length, l.kernel, l.stride);
    const wName = g.constant(convWeight(cw), [l.filters, cin, l.kernel], `${prefix}${i}_w`);
    const bName = g.constant(values(w(`${prefix}${i}.b`)), [l.filters], `${prefix}${i}_b`);
    const attrs = { kernel_shape: { ints: [l.kernel] }, strides: { ints: [l.stride] }, pads: { ints: [before, after] } };
    h = g.node('Relu', [g.node('Conv', [h, wName, bName], attrs, `${prefix}${i}`)]);
    length = out;
    cin = l.filters;
  });
  const pooled = g.node('ReduceMean', [h], { axes: { ints: [2] }, keepdims: { i: 0 } }, prefix === 'conv' ? 'pooled' : `${prefix}_pooled`);
  return { last: h, pooled, filters: cin };
}

/** z_var's start-of-window readout (see `NetworkSpec.startSteps`), zero-padded to the width of z. */
function startReadout(g: OnnxGraph, h: string, weight: tf.Tensor, steps: number, cin: number, dims: NetworkSpec['dims']): string {
  if (weight.shape.join() !== [steps * cin, dims.var].join())
    throw new TrainingError('E_EXPORT', `start.w has shape [${weight.shape.join(', ')}]`);
  const first = g.node('Slice', [h, g.int64([0]), g.int64([steps]), g.int64([2])], {}, 'start_steps');
  const flat = g.node('Flatten', [g.node('Transpose', [first], { perm: { ints: [0, 2, 1] } })], { axis: { i: 1 } });
  const zVar = g.node('MatMul', [flat, g.constant(values(weight), [steps * cin, dims.var], 'start_w')]);
  return g.node('Pad', [zVar, g.int64([0, dims.inv, 0, dims.free], 'start_pads')]);
}

/**
 * Writes a trained encoder as an ONNX model (opset 17, dynamic batch): input `x`
 * `[batch, channels, samples]`, outputs `z` `[batch, d]`, and when the spec has them `logits`
 * `[batch, classes]` and `group_logits` `[batch, groups]`. The graph computes exactly what
 * {@link forward} computes.
 *
 * @param spec - the architecture
 * @param p - trained weights
 * @param options - producer, doc string, metadata
 * @returns the `.onnx` bytes
 * @throws TrainingError `E_EXPORT` when a weight is missing or has the wrong size
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { exportOnnx, initNetwork, imuSpec } from 'scl-wear/train';
 * const spec = imuSpec();
 * writeFileSync('imu.onnx', exportOnnx(spec, initNetwork(spec, 1)));
 * ```
 */
export function exportOnnx(spec: NetworkSpec, p: NetworkParams, options: OnnxModelOptions = {}): Uint8Array {
  const w = (name: string): tf.Tensor => {
    const v = p[name];
    if (!v) throw new TrainingError('E_EXPORT', `weight ${name} is missing`);
    return v;
  };
  const g = new OnnxGraph('scl_encoder');
  let h = g.input(ONNX_NAMES.input, ['batch', spec.channels, spec.samples]);
  if (spec.inputScale) h = g.node('Mul', [h, g.constant(Float32Array.from(spec.inputScale), [1, spec.channels, 1], 'input_scale')]);
  if (spec.alignCrop) h = alignCropNodes(g, h, spec.alignCrop, spec.channels, spec.samples);
  const features = spec.features === 'imu-physics' ? physics(g, h, spec) : undefined;
  const input = features ? g.node('Concat', [...features.parts, h], { axis: { i: 1 } }, 'features') : h;
  const main = convPool(g, w, input, spec.conv, 'conv', featureChannels(spec), convInputLength(spec));
  const cin = main.filters;
  const { inv, var: nVar, free } = spec.dims;
  const d = inv + nVar + free;
  const gemm = (x: string, name: string, rows: number, cols: number) =>
    g.node('Gemm', [
      x,
      g.constant(values(w(`${name}.w`)), [rows, cols], `${name}_w`),
      g.constant(values(w(`${name}.b`)), [cols], `${name}_b`),
    ]);
  let z: string;
  if (spec.invariantConv && features) {
    const channels = [...features.parts.slice(0, spec.invariantFromAcc ? 2 : undefined), ...features.invariant];
    if (channels.length !== invariantChannels(spec))
      throw new TrainingError('E_EXPORT', `expected ${invariantChannels(spec)} invariant channels`);
    const branch = convPool(
      g,
      w,
      g.node('Concat', channels, { axis: { i: 1 } }, 'invariant'),
      spec.invariantConv,
      'inv',
      channels.length,
      convInputLength(spec),
    );
    const zInv = gemm(branch.pooled, 'invproj', branch.filters, inv);
    z = g.node('Concat', [zInv, gemm(main.pooled, 'proj', cin, nVar + free)], { axis: { i: 1 } }, 'z_parts');
  } else z = gemm(main.pooled, 'proj', cin, d);
  if (spec.startSteps) z = g.node('Add', [z, startReadout(g, main.last, w('start.w'), spec.startSteps, cin, spec.dims)], {}, 'z_start');
  g.output(z, ['batch', d], ONNX_NAMES.embedding);
  const cols = (from: number, n: number) => g.node('Slice', [z, g.int64([from]), g.int64([from + n]), g.int64([1])]);
  if (spec.classes) {
    const parts = [...(inv ? [cols(0, inv)] : []), ...(free ? [cols(inv + nVar, free)] : [])];
    const hz = parts.length === 1 ? parts[0]! : g.node('Concat', parts, { axis: { i: 1 } });
    g.output(gemm(hz, 'head', inv + free, spec.classes), ['batch', spec.classes], ONNX_NAMES.logits);
  }
  const groups = groupCount(spec);
  if (groups) g.output(gemm(cols(0, inv), 'group', inv, groups), ['batch', groups], ONNX_NAMES.groupLogits);
  return g.toBytes(options);
}
