import { TrainingError } from '../../errors.js';
import { AttributeType, DataType, onnxRoot } from './schema.js';

/**
 * An ONNX node attribute, tagged by its protobuf type.
 *
 * @example
 * ```ts
 * import { OnnxGraph } from 'scl-wear/train';
 * const g = new OnnxGraph('conv');
 * g.input('x', ['batch', 3, 128]);
 * const w = g.constant(new Float32Array(8 * 3 * 5), [8, 3, 5]);
 * const y = g.node('Conv', ['x', w], { kernel_shape: { ints: [5] }, pads: { ints: [2, 2] }, group: { i: 1 } });
 * g.output(y, ['batch', 8, 128]);
 * ```
 */
export type OnnxAttr =
  | { readonly i: number }
  | { readonly f: number }
  | { readonly s: string }
  | { readonly ints: readonly number[] }
  | { readonly floats: readonly number[] };

/**
 * A tensor dimension: a fixed size, or a name for a dynamic one (e.g. `'batch'`).
 *
 * @example
 * ```ts
 * import { OnnxGraph } from 'scl-wear/train';
 * const g = new OnnxGraph('identity');
 * g.output(g.input('x', ['batch', 6, 128]), ['batch', 6, 128], 'y'); // 'batch': dynamic; 6, 128: fixed
 * ```
 */
export type OnnxDim = number | string;

/**
 * Options of {@link OnnxGraph.toBytes}.
 *
 * @example
 * ```ts
 * import { exportOnnx, initNetwork, ecgSpec } from 'scl-wear/train';
 * const spec = ecgSpec();
 * const bytes = exportOnnx(spec, initNetwork(spec, 1), { producer: 'my-lab', doc: 'ECG encoder, untrained', metadata: { dataset: 'MIT-BIH DS1' } });
 * ```
 */
export interface OnnxModelOptions {
  /** Operator set version of the default domain (default 17). */
  opset?: number;
  /** Producer name written into the model (default `scl-wear`). */
  producer?: string;
  /** Free text describing the model. */
  doc?: string;
  /** Key/value metadata (`metadata_props`), e.g. the embedding split. */
  metadata?: Readonly<Record<string, string>>;
}

interface TensorInit {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

const valueInfo = (name: string, elemType: number, dims: readonly OnnxDim[]) => ({
  name,
  type: {
    tensor_type: {
      elem_type: elemType,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
    },
  },
});

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

function encodeAttr(name: string, a: OnnxAttr): Record<string, unknown> {
  if ('i' in a) return { name, type: AttributeType.INT, i: a.i };
  if ('f' in a) return { name, type: AttributeType.FLOAT, f: a.f };
  if ('s' in a) return { name, type: AttributeType.STRING, s: new TextEncoder().encode(a.s) };
  if ('ints' in a) return { name, type: AttributeType.INTS, ints: [...a.ints] };
  return { name, type: AttributeType.FLOATS, floats: [...a.floats] };
}

/**
 * Builds an ONNX graph node by node and serialises it as a model (`.onnx` bytes).
 * Float tensors are stored as little-endian `raw_data`.
 *
 * @example
 * ```ts
 * import { OnnxGraph } from 'scl-wear/train';
 * const g = new OnnxGraph('affine');
 * g.input('x', [ 'batch', 4 ]);
 * const w = g.constant(new Float32Array(8).fill(0.5), [4, 2]);
 * g.output(g.node('MatMul', ['x', w]), ['batch', 2], 'y');
 * const bytes = g.toBytes();
 * ```
 */
export class OnnxGraph {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly inits: TensorInit[] = [];
  private readonly inputs: unknown[] = [];
  private readonly outputs: unknown[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  /** @param name - graph name */
  constructor(readonly name: string) {}

  private fresh(base: string): string {
    let n = base;
    while (this.names.has(n)) n = `${base}_${++this.counter}`;
    this.names.add(n);
    return n;
  }

  /** Declares a float32 graph input. */
  input(name: string, dims: readonly OnnxDim[]): string {
    this.names.add(name);
    this.inputs.push(valueInfo(name, DataType.FLOAT, dims));
    return name;
  }

  /**
   * Declares a float32 graph output. When `as` is given the value is renamed through an
   * `Identity` node.
   */
  output(value: string, dims: readonly OnnxDim[], as?: string): string {
    const name = as && as !== value ? this.node('Identity', [value], {}, as) : value;
    this.outputs.push(valueInfo(name, DataType.FLOAT, dims));
    return name;
  }

  /**
   * Adds a float32 initializer and returns its name.
   *
   * @throws TrainingError `E_EXPORT` when `data` does not fill `dims`
   */
  constant(data: Float32Array, dims: readonly number[], name = 'const'): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new TrainingError('E_EXPORT', `initializer ${name}: ${data.length} values do not fill shape [${dims.join(', ')}]`);
    }
    const n = this.fresh(name);
    this.inits.push({ name: n, dims: [...dims], data_type: DataType.FLOAT, raw_data: bytesOf(data) });
    return n;
  }

  /** Adds a 1-D int64 initializer (shapes, axes, slice bounds) and returns its name. */
  int64(values: readonly number[], name = 'i64'): string {
    const n = this.fresh(name);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.inits.push({ name: n, dims: [values.length], data_type: DataType.INT64, raw_data: bytesOf(data) });
    return n;
  }

  /**
   * Appends a node and returns the name of its (first) output.
   *
   * @param op - ONNX operator type, e.g. `Conv`
   * @param inputs - input value names (`''` for an omitted optional input)
   * @param attrs - attributes by name
   * @param out - output name (default: generated from `op`)
   */
  node(op: string, inputs: readonly string[], attrs: Readonly<Record<string, OnnxAttr>> = {}, out?: string): string {
    const output = this.fresh(out ?? op.toLowerCase());
    this.nodes.push({
      op_type: op,
      name: `${op}_${this.nodes.length}`,
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)),
    });
    return output;
  }

  /** Number of float parameters stored in initializers. */
  parameterCount(): number {
    return this.inits.filter((t) => t.data_type === DataType.FLOAT).reduce((s, t) => s + t.raw_data.length / 4, 0);
  }

  /**
   * Serialises the graph as an ONNX model (IR version 8).
   *
   * @throws TrainingError `E_EXPORT` when the model fails protobuf validation
   */
  toBytes(options: OnnxModelOptions = {}): Uint8Array {
    const Model = onnxRoot().lookupType('onnx.ModelProto');
    const model = {
      ir_version: 8,
      opset_import: [{ domain: '', version: options.opset ?? 17 }],
      producer_name: options.producer ?? 'scl-wear',
      producer_version: '0.1.0',
      doc_string: options.doc ?? '',
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.inits,
        input: this.inputs,
        output: this.outputs,
      },
      metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    };
    const err = Model.verify(model);
    if (err) throw new TrainingError('E_EXPORT', `invalid ONNX model: ${err}`);
    return Model.encode(Model.fromObject(model)).finish();
  }
}
