import { InputError, TrainingError } from '../../errors.js';
import type { SclDims } from '../../scl/loss.js';
import { decodeModel, encodeModel, floatTensor, int64Tensor, type EditNode as Node, type EditTensor as Tensor } from './edit.js';
import { ONNX_NAMES } from './export.js';

/**
 * How {@link shiftAverageOnnx} reads a longer window: `copies` sub-windows of the encoder's
 * input length, `step` samples apart.
 *
 * @example
 * ```ts
 * import type { ShiftAverage } from 'scl-wear/train';
 * const sa: ShiftAverage = { copies: 3, step: 26 }; // ECG at 130 Hz: 0, 0.2 and 0.4 s in
 * ```
 */
export interface ShiftAverage {
  /** Number of sub-windows (at least 2). */
  readonly copies: number;
  /** Offset between consecutive sub-windows, in samples (at least 1). */
  readonly step: number;
}

const P = 'shift_avg_';
const int64 = (name: string, values: readonly number[]): Tensor => int64Tensor(P + name, values);
const node = (op: string, input: string[], out: string, attribute: unknown[] = []): Node => ({
  op_type: op,
  name: P + out,
  input: input.map((i) => (i.startsWith('@') ? i.slice(1) : P + i)),
  output: [P + out],
  attribute,
});
const ints = (name: string, v: number[]) => ({ name, type: 7, ints: v });
const int = (name: string, v: number) => ({ name, type: 2, i: v });

/**
 * Wraps an exported encoder so that it reads a window `(copies − 1) · step` samples longer than
 * before and averages z_inv over `copies` sub-windows cut `step` samples apart, each z-scored on
 * its own as the runtime z-scores a window. z_var and z_free come from the first sub-window (so
 * they keep where the window starts), the class logits are averaged. A shift of the window then
 * changes z_inv less: what one sub-window gains or loses at its ends, the others mostly share.
 *
 * The result is an ordinary ONNX file (Slice, ReduceMean, Sqrt, Div, Concat, Reshape, Gather),
 * input `x` `[batch, channels, samples + (copies − 1) · step]`, the same outputs.
 *
 * @param bytes - an encoder written by `exportOnnx` (input `x`, outputs `z` and optionally `logits`)
 * @param sa - sub-windows and their spacing
 * @param dims - the encoder's latent split (z_inv is the first `dims.inv` dimensions)
 * @returns the wrapped model's bytes
 * @throws InputError `E_ARGUMENT` for fewer than 2 copies or a step below 1;
 *   TrainingError `E_EXPORT` when the model is not an exported encoder (input or outputs missing, input length unknown)
 * @example
 * ```ts
 * import { readFile, writeFile } from 'node:fs/promises';
 * import { shiftAverageOnnx } from 'scl-wear/train';
 * const wrapped = shiftAverageOnnx(await readFile('models/ecg.onnx'), { copies: 3, step: 26 }, { inv: 32, var: 16, free: 16 });
 * await writeFile('ecg-shift-average.onnx', wrapped); // reads 572 samples (4.4 s) instead of 520
 * ```
 */
export function shiftAverageOnnx(bytes: Uint8Array, sa: ShiftAverage, dims: SclDims): Uint8Array {
  if (!(Number.isInteger(sa.copies) && sa.copies >= 2) || !(Number.isInteger(sa.step) && sa.step >= 1)) {
    throw new InputError(
      'E_ARGUMENT',
      `shift averaging needs at least 2 copies and a step of at least 1 sample; got ${sa.copies} × ${sa.step}`,
    );
  }
  const m = decodeModel(bytes, 'shift averaging');
  const g = m.graph;
  const input = g.input.find((v) => v.name === ONNX_NAMES.input);
  const z = g.output.find((v) => v.name === ONNX_NAMES.embedding);
  const shape = input?.type.tensor_type.shape.dim;
  const samples = shape?.[2]?.dim_value;
  if (!input || !z || !shape || !samples) {
    throw new TrainingError('E_EXPORT', 'shift averaging needs an exported encoder: input x [batch, channels, samples] and output z');
  }
  const dim = dims.inv + dims.var + dims.free;
  const { copies: K, step } = sa;
  const rename = new Map<string, string>([[ONNX_NAMES.input, P + 'x']]);
  for (const o of g.output) rename.set(o.name, P + o.name);
  for (const n of g.node) {
    n.input = n.input.map((i) => (i === ONNX_NAMES.input ? rename.get(i)! : i));
    n.output = n.output.map((o) => rename.get(o) ?? o);
  }
  const inits: Tensor[] = [int64('axis2', [2]), int64('axis1', [1]), int64('first', [0])];
  const pre: Node[] = [];
  for (let j = 0; j < K; j++) {
    inits.push(int64(`from${j}`, [j * step]), int64(`to${j}`, [j * step + samples]));
    pre.push(node('Slice', [`@${ONNX_NAMES.input}`, `from${j}`, `to${j}`, 'axis2'], `cut${j}`));
  }
  inits.push(floatTensor(P + 'eps', new Float32Array([1e-6]), []));
  pre.push(
    node(
      'Concat',
      Array.from({ length: K }, (_, j) => `cut${j}`),
      'stack',
      [int('axis', 0)],
    ),
    node('ReduceMean', ['stack'], 'mean', [ints('axes', [2]), int('keepdims', 1)]),
    node('Sub', ['stack', 'mean'], 'centred'),
    node('Mul', ['centred', 'centred'], 'square'),
    node('ReduceMean', ['square'], 'var', [ints('axes', [2]), int('keepdims', 1)]),
    node('Sqrt', ['var'], 'std'),
    node('Add', ['std', 'eps'], 'scale'),
    node('Div', ['centred', 'scale'], 'x'),
  );
  inits.push(int64('zshape', [K, -1, dim]), int64('inv', [dims.inv]), int64('dim', [dim]), int64('zero', [0]));
  const post: Node[] = [
    node('Reshape', [ONNX_NAMES.embedding, 'zshape'], 'z3'),
    node('Slice', ['z3', 'zero', 'inv', 'axis2'], 'inv3'),
    node('ReduceMean', ['inv3'], 'inv_mean', [ints('axes', [0]), int('keepdims', 0)]),
    node('Gather', ['z3', 'first'], 'z_first1', [int('axis', 0)]),
    node('Reshape', ['z_first1', 'zrow'], 'z_first'),
    node('Slice', ['z_first', 'inv', 'dim', 'axis1'], 'rest'),
  ];
  inits.push(int64('zrow', [-1, dim]));
  const out: Node[] = [
    {
      op_type: 'Concat',
      name: P + 'z_out',
      input: [P + 'inv_mean', P + 'rest'],
      output: [ONNX_NAMES.embedding],
      attribute: [int('axis', 1)],
    },
  ];
  for (const o of g.output) {
    if (o.name === ONNX_NAMES.embedding) continue;
    const cols = o.type.tensor_type.shape.dim[1]?.dim_value;
    if (!cols) throw new TrainingError('E_EXPORT', `output ${o.name} has no fixed width`);
    inits.push(int64(`${o.name}_shape`, [K, -1, cols]));
    post.push(node('Reshape', [o.name, `${o.name}_shape`], `${o.name}3`));
    out.push({
      op_type: 'ReduceMean',
      name: P + o.name + '_out',
      input: [P + o.name + '3'],
      output: [o.name],
      attribute: [ints('axes', [0]), int('keepdims', 0)],
    });
  }
  shape[2] = { dim_value: samples + (K - 1) * step };
  g.node = [...pre, ...g.node, ...post, ...out];
  g.initializer = [...g.initializer, ...inits];
  return encodeModel(m, 'shift_average', JSON.stringify({ copies: K, step, samples }));
}
