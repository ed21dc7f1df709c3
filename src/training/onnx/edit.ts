import { TrainingError, messageOf } from '../../errors.js';
import { DataType, onnxRoot } from './schema.js';

/** One dimension of a decoded value's shape. */
export interface EditDim {
  dim_value?: number;
  dim_param?: string;
}
/** A decoded graph input or output. */
export interface EditValue {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: EditDim[] } } };
}
/** A decoded node. */
export interface EditNode {
  input: string[];
  output: string[];
  name?: string;
  op_type: string;
  attribute?: unknown[];
}
/** A decoded initializer. */
export interface EditTensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}
/** A decoded model, as plain objects (the fields the exporter writes). */
export interface EditModel {
  graph: { node: EditNode[]; initializer: EditTensor[]; input: EditValue[]; output: EditValue[] };
  metadata_props?: { key: string; value: string }[];
  [key: string]: unknown;
}

/**
 * Decodes an exported model for editing.
 *
 * @throws TrainingError `E_EXPORT` when the bytes are not an ONNX model with a graph
 * @internal
 */
export function decodeModel(bytes: Uint8Array, what: string): EditModel {
  const Model = onnxRoot().lookupType('onnx.ModelProto');
  let m: EditModel;
  try {
    m = Model.toObject(Model.decode(bytes), { longs: Number, defaults: false, arrays: true }) as EditModel;
  } catch (err) {
    throw new TrainingError('E_EXPORT', `${what}: not an ONNX model (${messageOf(err)})`, { cause: err });
  }
  if (!m.graph) throw new TrainingError('E_EXPORT', `${what}: the ONNX model has no graph`);
  return m;
}

/**
 * Encodes an edited model, with `key` = `value` in its metadata (replacing an earlier one).
 *
 * @throws TrainingError `E_EXPORT` when the model fails protobuf validation
 * @internal
 */
export function encodeModel(m: EditModel, key: string, value: string): Uint8Array {
  const Model = onnxRoot().lookupType('onnx.ModelProto');
  m.metadata_props = [...(m.metadata_props ?? []).filter((p) => p.key !== key), { key, value }];
  const err = Model.verify(m);
  if (err) throw new TrainingError('E_EXPORT', `invalid ONNX model: ${err}`);
  return Model.encode(Model.fromObject(m)).finish();
}

/** A 1-D int64 initializer. @internal */
export const int64Tensor = (name: string, values: readonly number[]): EditTensor => ({
  name,
  dims: [values.length],
  data_type: DataType.INT64,
  raw_data: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
});

/** A float32 initializer. @internal */
export const floatTensor = (name: string, values: Float32Array, dims: number[]): EditTensor => ({
  name,
  dims,
  data_type: DataType.FLOAT,
  raw_data: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)),
});

/** Renames the graph output `from` (and its producer) to `to`, so new nodes can produce `from`. @internal */
export function detachOutput(m: EditModel, from: string, to: string): void {
  for (const n of m.graph.node) n.output = n.output.map((o) => (o === from ? to : o));
  for (const n of m.graph.node) n.input = n.input.map((i) => (i === from ? to : i));
}
