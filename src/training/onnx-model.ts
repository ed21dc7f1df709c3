import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ModelError, messageOf } from '../errors.js';
import type { OrtModule } from '../model/ort-module.js';
import { importOrtForNode } from '../model/ort-node.js';
import { openSession, runSession } from '../model/session.js';
import type { SclDims } from '../scl/loss.js';
import { ONNX_NAMES } from './onnx/export.js';
import { onnxRoot } from './onnx/schema.js';

/**
 * Outputs of {@link OnnxModel.run}, row-major per window.
 *
 * @example
 * ```ts
 * import { loadOnnxModel } from 'scl-wear/train';
 * const model = await loadOnnxModel('models/imu.onnx');
 * const { z, logits, groupLogits } = await model.run(windows, count); // windows: [count, 6, 128]
 * const dim = z.length / count; // embedding size
 * ```
 */
export interface ModelRun {
  /** Embeddings `[count, dim]`. */
  readonly z: Float32Array;
  /** Class logits `[count, classes]`, when the model has a class head. */
  readonly logits?: Float32Array;
  /** Group logits `[count, groups]`, when the model has a group head. */
  readonly groupLogits?: Float32Array;
}

/**
 * An exported encoder loaded in onnxruntime (onnxruntime-node when installed, else WASM), with what its file says about itself.
 *
 * @example
 * ```ts
 * import { loadOnnxModel } from 'scl-wear/train';
 * const model = await loadOnnxModel('models/ecg.onnx');
 * console.log(model.channels, model.samples, model.dims, model.mode); // input shape, latent split, training mode
 * const { z } = await model.run(windows, count); // windows: planar [count, channels, samples]
 * await model.release();
 * ```
 */
export interface OnnxModel {
  /** File name without extension. */
  readonly name: string;
  /** Input channels (the input is `[batch, channels, samples]`). */
  readonly channels: number;
  /** Samples per window. */
  readonly samples: number;
  /** Latent split (from the model's metadata, or given). */
  readonly dims: SclDims;
  /** Training mode recorded in the metadata (`plain`, `aug`, `scl`), if any. */
  readonly mode?: string;
  /** Metadata properties of the file. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Runs `count` planar windows through the model, in batches of 256. */
  run(x: Float32Array, count: number): Promise<ModelRun>;
  /** Frees the session. */
  release(): Promise<void>;
}

interface Dim {
  dim_value?: number | { toNumber(): number };
  dim_param?: string;
}
const dimValue = (d: Dim | undefined) => (d?.dim_value === undefined ? NaN : Number(d.dim_value));

/**
 * Loads an exported encoder (`x` `[batch, channels, samples]` → `z`, `logits`, `group_logits`)
 * with onnxruntime-node for evaluation.
 *
 * @param path - the `.onnx` file
 * @param dims - latent split, when the file's metadata has none (`dims` JSON)
 * @throws ModelError `E_MODEL_NOT_FOUND` (unreadable file), `E_MODEL_LOAD` (not an encoder
 *   onnxruntime can run), `E_MODEL_SPEC` (no latent split known)
 * @example
 * ```ts
 * import { loadOnnxModel } from 'scl-wear/train';
 * const enc = await loadOnnxModel('models/imu.onnx');
 * const { z, logits } = await enc.run(windows, count);
 * ```
 */
export async function loadOnnxModel(path: string, dims?: SclDims): Promise<OnnxModel> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new ModelError('E_MODEL_NOT_FOUND', `cannot read ${path}: ${messageOf(err)}`, { cause: err, details: { path } });
  }
  return openOnnxModel(bytes, path, dims);
}

/**
 * {@link loadOnnxModel} on bytes already in memory (a model wrapped or edited before it is written).
 *
 * @param bytes - the `.onnx` file's bytes
 * @param path - the name it goes by in messages and `name` (a path or a file name)
 * @param dims - latent split, when the file does not record it
 * @throws ModelError `E_MODEL_LOAD` or `E_MODEL_SPEC` as {@link loadOnnxModel}
 * @internal
 */
export async function openOnnxModel(bytes: Uint8Array, path: string, dims?: SclDims): Promise<OnnxModel> {
  let model: {
    graph?: { input?: { name?: string; type?: { tensor_type?: { shape?: { dim?: Dim[] } } } }[] };
    metadata_props?: { key?: string; value?: string }[];
  };
  try {
    model = onnxRoot().lookupType('onnx.ModelProto').decode(bytes) as unknown as typeof model;
  } catch (err) {
    throw new ModelError('E_MODEL_LOAD', `${path} is not an ONNX model: ${messageOf(err)}`, { cause: err, details: { path } });
  }
  const metadata: Record<string, string> = {};
  for (const p of model.metadata_props ?? []) if (p.key) metadata[p.key] = p.value ?? '';
  const shape = model.graph?.input?.find((i) => i.name === ONNX_NAMES.input)?.type?.tensor_type?.shape?.dim ?? [];
  const channels = dimValue(shape[1]);
  const samples = dimValue(shape[2]);
  if (!(channels > 0 && samples > 0))
    throw new ModelError('E_MODEL_LOAD', `${path} has no input x [batch, channels, samples]`, { details: { path } });
  const split = metadata.dims ? (JSON.parse(metadata.dims) as SclDims) : dims;
  if (!split) throw new ModelError('E_MODEL_SPEC', `${path} does not record its inv/var/free split; pass dims`, { details: { path } });
  const { ort } = await importOrtForNode();
  let session: ModelSession;
  try {
    session = await openModelSession(ort, bytes, channels, samples);
  } catch (err) {
    throw new ModelError('E_MODEL_LOAD', `onnxruntime cannot load ${path}: ${messageOf(err)}`, { cause: err, details: { path } });
  }
  return {
    name: basename(path).replace(/\.onnx$/, ''),
    channels,
    samples,
    dims: split,
    mode: metadata.mode,
    metadata,
    run: (x, count) => session.run(x, count),
    release: () => session.release(),
  };
}

/** An exported encoder's bytes in an onnxruntime session, outputs by name. */
export interface ModelSession {
  /** Runs `count` planar windows `[count, channels, samples]` through the model, in batches of 256. */
  run(x: Float32Array, count: number): Promise<ModelRun>;
  /** Frees the session. */
  release(): Promise<void>;
}

/**
 * Opens an exported encoder (`x` `[batch, channels, samples]` → `z`, `logits`, `group_logits`)
 * in onnxruntime, through the SDK runtime's session functions (`openSession`, `runSession`):
 * the session path of the evaluation loader and of the export parity check.
 *
 * @param ort - the onnxruntime module (see `importOrtForNode`)
 * @param bytes - the ONNX model
 * @param channels - input channels per window
 * @param samples - input samples per window
 * @throws Error from onnxruntime when it cannot load the model (callers give it their code)
 * @internal
 */
export async function openModelSession(ort: OrtModule, bytes: Uint8Array, channels: number, samples: number): Promise<ModelSession> {
  const s = await openSession(ort, bytes);
  const names = s.session.outputNames;
  const size = channels * samples;
  return {
    async run(x, count) {
      const parts: Record<string, Float32Array[]> = {};
      for (let at = 0; at < count; at += 256) {
        const n = Math.min(256, count - at);
        const got = await runSession(s, ONNX_NAMES.input, x.slice(at * size, (at + n) * size), [n, channels, samples], names);
        for (const name of names) (parts[name] ??= []).push(got.outputs[name]!);
      }
      const join = (name: string) => {
        const list = parts[name];
        if (!list) return undefined;
        if (list.length === 1) return list[0];
        const out = new Float32Array(list.reduce((a, b) => a + b.length, 0));
        let o = 0;
        for (const p of list) out.set(p, (o += p.length) - p.length);
        return out;
      };
      const z = join(ONNX_NAMES.embedding) ?? new Float32Array(0);
      return { z, logits: join(ONNX_NAMES.logits), groupLogits: join(ONNX_NAMES.groupLogits) };
    },
    release: () => s.session.release(),
  };
}

/**
 * Index of the largest value of each row.
 *
 * @param logits - `[rows, cols]` row-major
 * @param cols - values per row
 * @internal
 * @example
 * ```ts
 * argmaxRows(new Float32Array([0, 2, 1, 5, 0, 0]), 3); // Uint8Array [1, 0]
 * ```
 */
export function argmaxRows(logits: Float32Array, cols: number): Uint8Array {
  const rows = logits.length / cols;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (logits[r * cols + c]! > logits[r * cols + best]!) best = c;
    out[r] = best;
  }
  return out;
}
