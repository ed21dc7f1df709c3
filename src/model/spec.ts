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
 * Checks a loaded session against its manifest entry: input and output names (those a run
 * fetches, see {@link outputNames}), the input's element type and fixed dimensions (the batch
 * dimension must be free).
 *
 * @param session - the loaded session
 * @param entry - the manifest entry
 * @throws ModelError `E_MODEL_SPEC` naming the mismatch
 */
export function checkSessionSpec(session: InferenceSession, entry: ModelEntry): void {
  const { input } = entry;
  if (!session.inputNames.includes(input.name)) fail(entry, `no input "${input.name}" (inputs: ${session.inputNames.join(', ')})`);
  for (const name of outputNames(entry)) {
    if (!session.outputNames.includes(name)) fail(entry, `no output "${name}" (outputs: ${session.outputNames.join(', ')})`);
  }
  const meta = session.inputMetadata?.find((m) => m.name === input.name);
  if (!meta?.isTensor) return;
  if (meta.type !== 'float32') fail(entry, `input "${input.name}" is ${meta.type}, not float32`);
  const want = inputDims(entry, -1);
  if (meta.shape.length !== 3)
    fail(entry, `input "${input.name}" has rank ${meta.shape.length}, the manifest's ${input.layout} layout needs 3`);
  if (typeof meta.shape[0] === 'number' && meta.shape[0] !== -1)
    fail(entry, `input "${input.name}" has a fixed batch size ${meta.shape[0]}`);
  for (let i = 1; i < 3; i++) {
    const d = meta.shape[i];
    if (typeof d === 'number' && d >= 0 && d !== want[i]) {
      fail(
        entry,
        `input "${input.name}" is [${meta.shape.join(', ')}], the manifest says ${input.layout} with ${entry.channels.length} channels × ${entry.windowSamples} samples`,
      );
    }
  }
}

/**
 * Names of the outputs a run of this model fetches: the embedding, then the class logits and the
 * group logits when the manifest lists them (group logits only beside class logits).
 *
 * @param entry - the manifest entry
 */
export function outputNames(entry: ModelEntry): string[] {
  const { embedding, logits, groupLogits } = entry.outputs;
  const names = [embedding];
  if (logits !== undefined) names.push(logits);
  if (logits !== undefined && entry.groups && groupLogits !== undefined) names.push(groupLogits);
  return names;
}

/**
 * Checks the outputs of a run of `n` windows: the embedding is `[n, dim]`, the logits
 * `[n, classes]`, the group logits `[n, groups]`.
 *
 * @param entry - the manifest entry
 * @param n - windows in the run
 * @param dims - shape of each output by name
 * @throws ModelError `E_MODEL_SPEC` naming the mismatch
 */
export function checkOutputDims(entry: ModelEntry, n: number, dims: Readonly<Record<string, readonly number[]>>): void {
  const [embedding, logits, groupLogits] = outputNames(entry);
  const want: [string | undefined, number, string][] = [
    [embedding, entry.embedding.dim, ''],
    [logits, entry.classes?.length ?? 0, 'classes'],
    [groupLogits, entry.groups?.names.length ?? 0, 'groups'],
  ];
  for (const [name, k, what] of want) {
    if (name === undefined) continue;
    const d = dims[name] ?? [];
    if (d.length !== 2 || d[0] !== n || d[1] !== k)
      fail(entry, `output "${name}" is [${d.join(', ')}], expected [${n}, ${k}]${what ? ` (${k} ${what})` : ''}`);
  }
}
