import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TrainingError, messageOf } from '../errors.js';

/** Tensors by name, as plain arrays. */
export type NamedArrays = Record<string, { shape: number[]; values: Float32Array }>;

/** What a checkpoint restores: weights, optimiser state, the next epoch, free-form state. */
export interface Checkpoint<S> {
  /** Epochs completed. */
  readonly epoch: number;
  /** Model weights. */
  readonly params: NamedArrays;
  /** Optimiser slots (Adam moments, iteration counter). */
  readonly optimizer: NamedArrays;
  /** JSON state of the trainer (config, history). */
  readonly state: S;
}

/** Reads tensors into plain arrays (for {@link saveCheckpoint}). */
export function toArrays(named: Record<string, tf.Tensor> | { name: string; tensor: tf.Tensor }[]): NamedArrays {
  const out: NamedArrays = {};
  const list = Array.isArray(named) ? named.map((n) => [n.name, n.tensor] as const) : Object.entries(named);
  for (const [name, t] of list) out[name] = { shape: [...t.shape], values: Float32Array.from(t.dataSync()) };
  return out;
}

/**
 * Writes `checkpoint.json` + `checkpoint.bin` into `dir`, each first to a temporary file and
 * then renamed, so a crash never leaves a half-written checkpoint.
 *
 * @throws TrainingError `E_CHECKPOINT` when the files cannot be written
 */
export async function saveCheckpoint<S>(dir: string, ck: Checkpoint<S>): Promise<void> {
  const index: Record<string, { shape: number[]; offset: number; length: number }>[] = [{}, {}];
  const chunks: Float32Array[] = [];
  let offset = 0;
  [ck.params, ck.optimizer].forEach((group, g) => {
    for (const [name, a] of Object.entries(group)) {
      index[g]![name] = { shape: a.shape, offset, length: a.values.length };
      chunks.push(a.values);
      offset += a.values.length;
    }
  });
  const bin = new Float32Array(offset);
  let o = 0;
  for (const c of chunks) {
    bin.set(c, o);
    o += c.length;
  }
  const json = { version: 1, epoch: ck.epoch, params: index[0], optimizer: index[1], values: offset, state: ck.state };
  try {
    await writeFile(join(dir, 'checkpoint.bin.tmp'), new Uint8Array(bin.buffer));
    await writeFile(join(dir, 'checkpoint.json.tmp'), JSON.stringify(json));
    await rename(join(dir, 'checkpoint.bin.tmp'), join(dir, 'checkpoint.bin'));
    await rename(join(dir, 'checkpoint.json.tmp'), join(dir, 'checkpoint.json'));
  } catch (err) {
    throw new TrainingError('E_CHECKPOINT', `cannot write the checkpoint in ${dir}: ${messageOf(err)}`, { cause: err });
  }
}

/**
 * Reads a checkpoint written by {@link saveCheckpoint}; `undefined` when `dir` has none.
 *
 * @throws TrainingError `E_CHECKPOINT` when the files are corrupt or disagree in size
 */
export async function loadCheckpoint<S>(dir: string): Promise<Checkpoint<S> | undefined> {
  if (!existsSync(join(dir, 'checkpoint.json'))) return undefined;
  const bad = (why: string): never => {
    throw new TrainingError('E_CHECKPOINT', `checkpoint in ${dir} is unusable: ${why}`);
  };
  let json: {
    version: number;
    epoch: number;
    params: Record<string, { shape: number[]; offset: number; length: number }>;
    optimizer: typeof json.params;
    values: number;
    state: S;
  };
  let bin: Buffer;
  try {
    json = JSON.parse(await readFile(join(dir, 'checkpoint.json'), 'utf8')) as typeof json;
    bin = await readFile(join(dir, 'checkpoint.bin'));
  } catch (err) {
    return bad(messageOf(err));
  }
  if (json.version !== 1 || !Number.isInteger(json.epoch)) bad('unknown format');
  if (bin.length !== json.values * 4) bad(`checkpoint.bin has ${bin.length} bytes, expected ${json.values * 4}`);
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length));
  const read = (idx: typeof json.params): NamedArrays => {
    const out: NamedArrays = {};
    for (const [name, e] of Object.entries(idx)) {
      if (e.offset + e.length > all.length || e.shape.reduce((a, b) => a * b, 1) !== e.length) bad(`tensor ${name} out of range`);
      out[name] = { shape: e.shape, values: all.slice(e.offset, e.offset + e.length) };
    }
    return out;
  };
  return { epoch: json.epoch, params: read(json.params), optimizer: read(json.optimizer), state: json.state };
}
