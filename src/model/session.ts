import type * as ort from 'onnxruntime-web';
import { ModelError } from '../errors.js';
import type { OrtModule } from './ort-module.js';

/** The outputs of one run, keyed by ONNX output name. */
export interface NamedOutputs {
  /** Values of each output, row-major. Each array spans its own whole buffer, so it can be transferred. */
  outputs: Record<string, Float32Array>;
  /** Shape of each output (e.g. `[n, dim]`). */
  dims: Record<string, number[]>;
}

/** An open onnxruntime session with the module that made it (its `Tensor` builds the feeds). */
export interface OrtSession {
  readonly ort: OrtModule;
  readonly session: ort.InferenceSession;
}

/**
 * Opens an onnxruntime session on an encoder's bytes: the one place encoders are compiled, by
 * the runtime of the SDK, the training loader and the export parity check alike.
 *
 * @param o - onnxruntime-web or onnxruntime-node
 * @param bytes - the ONNX model
 * @param options - execution providers, threads, optimisation (onnxruntime's defaults when absent)
 * @throws Error from onnxruntime when it cannot compile the model (callers give it their code)
 */
export async function openSession(o: OrtModule, bytes: Uint8Array, options?: ort.InferenceSession.SessionOptions): Promise<OrtSession> {
  const session = options ? await o.InferenceSession.create(bytes, options) : await o.InferenceSession.create(bytes);
  return { ort: o, session };
}

/**
 * Runs one float32 input through a session and returns the fetched outputs by name. onnxruntime
 * hands each output in a buffer of its own; one that is not (a view into a larger or shared
 * buffer) is copied, so that every returned array can be transferred to another realm.
 *
 * @param s - the session
 * @param input - name of the input
 * @param data - input values, row-major
 * @param dims - shape of the input
 * @param fetches - names of the outputs to compute
 * @throws ModelError `E_MODEL_SPEC` when an output is missing or not float32; Error from
 *   onnxruntime when the run fails
 */
export async function runSession(
  s: OrtSession,
  input: string,
  data: Float32Array,
  dims: readonly number[],
  fetches: readonly string[],
): Promise<NamedOutputs> {
  const tensor = new s.ort.Tensor('float32', data, dims);
  const res = await s.session.run({ [input]: tensor }, fetches);
  const outputs: Record<string, Float32Array> = {};
  const shapes: Record<string, number[]> = {};
  const taken = new Set<ArrayBufferLike>();
  try {
    for (const name of fetches) {
      const t = res[name];
      if (!t) throw new ModelError('E_MODEL_SPEC', `the run gave no output "${name}"`);
      if (t.type !== 'float32') throw new ModelError('E_MODEL_SPEC', `output "${name}" is ${t.type}, not float32`);
      const values = t.data as Float32Array;
      const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength && isArrayBuffer(values.buffer);
      outputs[name] = whole && !taken.has(values.buffer) ? values : values.slice();
      taken.add(outputs[name].buffer);
      shapes[name] = [...t.dims];
    }
  } finally {
    // The arrays taken above stay valid: disposing a CPU tensor only drops its reference.
    for (const t of Object.values(res)) t.dispose?.();
  }
  return { outputs, dims: shapes };
}

/**
 * Runs `use` on a freshly opened session and releases the session when `use` fails, so that no
 * error path leaks one.
 *
 * @param s - the session
 * @param use - checks or work that may throw
 * @returns what `use` returns (the session stays open)
 */
export async function releaseOnError<T>(s: OrtSession, use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (err) {
    await s.session.release().catch(() => undefined);
    throw err;
  }
}

/** A plain (transferable) ArrayBuffer, from this realm or another one. */
const isArrayBuffer = (b: ArrayBufferLike): boolean => Object.prototype.toString.call(b) === '[object ArrayBuffer]';
