import { TrainingError } from '../../errors.js';
import type { SclDims } from '../../scl/loss.js';
import type { RecordWhitening } from '../record-whitening.js';
import { decodeModel, detachOutput, encodeModel, floatTensor, int64Tensor } from './edit.js';
import { ONNX_NAMES } from './export.js';

const P = 'inv_map_';

/**
 * Appends an affine map of z_inv to an exported encoder: its output `z` becomes
 * `[matrix · (z_inv − mean), z_var, z_free]` (Slice, Sub, MatMul, Concat). The map is what
 * {@link fitRecordWhitening} returns; the metadata key `inv_map` records how it was fitted.
 *
 * @param bytes - an exported encoder (output `z`), shift-averaged or not
 * @param map - mean and row-major `dims.inv × dims.inv` matrix
 * @param dims - the encoder's latent split
 * @param note - what the metadata records (e.g. the data and settings of the fit)
 * @returns the new model's bytes
 * @throws TrainingError `E_EXPORT` when the model has no output `z` or the map does not fit `dims.inv`
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { fitRecordWhitening, invMapOnnx, loadEcgSplit, loadOnnxModel } from 'scl-wear/train';
 * const enc = await loadOnnxModel('ecg.onnx');
 * const w = await fitRecordWhitening(enc, [await loadEcgSplit('../shared/data', 'DS1')]);
 * const bytes = invMapOnnx(await readFile('ecg.onnx'), w, enc.dims, 'DS1');
 * ```
 */
export function invMapOnnx(bytes: Uint8Array, map: Pick<RecordWhitening, 'mean' | 'matrix'>, dims: SclDims, note: string): Uint8Array {
  const D = dims.inv;
  const dim = D + dims.var + dims.free;
  if (map.mean.length !== D || map.matrix.length !== D * D) {
    throw new TrainingError('E_EXPORT', `the z_inv map is ${map.mean.length}-dimensional; the encoder's z_inv has ${D} dimensions`);
  }
  const m = decodeModel(bytes, 'z_inv map');
  if (!m.graph.output.some((o) => o.name === ONNX_NAMES.embedding))
    throw new TrainingError('E_EXPORT', 'z_inv map: the model has no output z');
  detachOutput(m, ONNX_NAMES.embedding, P + 'z');
  const transposed = new Float32Array(D * D);
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) transposed[b * D + a] = map.matrix[a * D + b]!;
  m.graph.initializer.push(
    int64Tensor(P + 'zero', [0]),
    int64Tensor(P + 'inv', [D]),
    int64Tensor(P + 'dim', [dim]),
    int64Tensor(P + 'axis', [1]),
    floatTensor(P + 'mean', map.mean, [D]),
    floatTensor(P + 'matrix_t', transposed, [D, D]),
  );
  const node = (op: string, input: string[], output: string, attribute: unknown[] = []) => ({
    op_type: op,
    name: output,
    input,
    output: [output],
    attribute,
  });
  m.graph.node.push(
    node('Slice', [P + 'z', P + 'zero', P + 'inv', P + 'axis'], P + 'z_inv'),
    node('Sub', [P + 'z_inv', P + 'mean'], P + 'centred'),
    node('MatMul', [P + 'centred', P + 'matrix_t'], P + 'mapped'),
    node('Slice', [P + 'z', P + 'inv', P + 'dim', P + 'axis'], P + 'rest'),
    node('Concat', [P + 'mapped', P + 'rest'], ONNX_NAMES.embedding, [{ name: 'axis', type: 2, i: 1 }]),
  );
  return encodeModel(m, 'inv_map', note);
}
