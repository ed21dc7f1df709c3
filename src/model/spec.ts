import type { InferenceSession } from 'onnxruntime-web';
import { ModelError } from '../errors.js';
import type { ModelEntry } from './manifest.js';

const fail = (entry: ModelEntry, what: string): never => {
  throw new ModelError('E_MODEL_SPEC', `${entry.file} does not match its manifest entry: ${what}`, { details: { file: entry.file } });
};

/** Shape of the input tensor for `n` windows, in the manifest's layout. */
export function inputDims(entry: ModelEntry, n: number): [number, number, number] {
  const c = entry.channels.length;
  const t = entry.windowSamples;
  return entry.input.layout === 'NCT' ? [n, c, t] : [n, t, c];
}

/**
 * Checks a loaded session against its manifest entry: input and output names, the input's
 * element type and fixed dimensions (the batch dimension must be free).
 *
 * @param session - the loaded session
 * @param entry - the manifest entry
 * @throws ModelError `E_MODEL_SPEC` naming the mismatch
 */
export function checkSessionSpec(session: InferenceSession, entry: ModelEntry): void {
  const { input, outputs } = entry;
  if (!session.inputNames.includes(input.name)) fail(entry, `no input "${input.name}" (inputs: ${session.inputNames.join(', ')})`);
  for (const name of [outputs.embedding, outputs.logits]) {
    if (name !== undefined && !session.outputNames.includes(name)) fail(entry, `no output "${name}" (outputs: ${session.outputNames.join(', ')})`);
  }
  const meta = session.inputMetadata?.find((m) => m.name === input.name);
  if (!meta?.isTensor) return;
  if (meta.type !== 'float32') fail(entry, `input "${input.name}" is ${meta.type}, not float32`);
  const want = inputDims(entry, -1);
  if (meta.shape.length !== 3) fail(entry, `input "${input.name}" has rank ${meta.shape.length}, the manifest's ${input.layout} layout needs 3`);
  if (typeof meta.shape[0] === 'number' && meta.shape[0] !== -1) fail(entry, `input "${input.name}" has a fixed batch size ${meta.shape[0]}`);
  for (let i = 1; i < 3; i++) {
    const d = meta.shape[i];
    if (typeof d === 'number' && d >= 0 && d !== want[i]) {
      fail(entry, `input "${input.name}" is [${meta.shape.join(', ')}], the manifest says ${input.layout} with ${entry.channels.length} channels × ${entry.windowSamples} samples`);
    }
  }
}

/**
 * Checks the outputs of a run of `n` windows: the embedding is `[n, dim]`, the logits
 * `[n, classes]`.
 *
 * @throws ModelError `E_MODEL_SPEC` naming the mismatch
 */
export function checkOutputDims(entry: ModelEntry, n: number, embedding: readonly number[], logits: readonly number[] | undefined): void {
  const dim = entry.embedding.dim;
  if (embedding.length !== 2 || embedding[0] !== n || embedding[1] !== dim) {
    fail(entry, `output "${entry.outputs.embedding}" is [${embedding.join(', ')}], expected [${n}, ${dim}]`);
  }
  const k = entry.classes?.length ?? 0;
  if (logits && (logits.length !== 2 || logits[0] !== n || logits[1] !== k)) {
    fail(entry, `output "${entry.outputs.logits}" is [${logits.join(', ')}], expected [${n}, ${k}] (${k} classes)`);
  }
}
