import type { ChannelInfo, SensorKind } from '../core/batch.js';
import { checkArg, ModelError, messageOf } from '../errors.js';

/**
 * `models/manifest.json`: the encoders shipped with the package and everything the runtime needs
 * to feed them. Training writes it; {@link index!createEncoder} and the `embed`/`classify` operators
 * read it. Paths are relative to the manifest file.
 *
 * @example
 * ```ts
 * import { fetchManifest, type ModelManifest } from 'scl-wear/advanced';
 * const manifest: ModelManifest = await fetchManifest('/models/manifest.json');
 * console.log(Object.keys(manifest.models)); // e.g. ['ecg', 'imu', 'acc']
 * ```
 */
export interface ModelManifest {
  /** Schema version of this file; currently 1. */
  readonly version: 1;
  /** Models by name (`ecg`, `imu`, `acc`...). */
  readonly models: Readonly<Record<string, ModelEntry>>;
}

/**
 * Order of the axes of the model's input tensor: `[batch, channel, time]` or `[batch, time, channel]`.
 *
 * @example
 * ```ts
 * import type { InputLayout } from 'scl-wear';
 * const { entry } = encoder;
 * const layout: InputLayout = entry.input.layout;
 * const dims = layout === 'NCT' ? [n, entry.channels.length, entry.windowSamples] : [n, entry.windowSamples, entry.channels.length];
 * ```
 */
export type InputLayout = 'NCT' | 'NTC';

/**
 * A half-open range `[start, end)` of embedding dimensions.
 *
 * @example
 * ```ts
 * import type { DimRange } from 'scl-wear';
 * const [start, end]: DimRange = encoder.entry.embedding.inv;
 * const inv = result.embedding.subarray(start, end); // the same values as result.inv
 * ```
 */
export type DimRange = readonly [start: number, end: number];

/**
 * What the stream must go through before windows reach the model (applied in this order).
 *
 * @example
 * ```ts
 * import type { Preprocessing } from 'scl-wear';
 * const p: Preprocessing = encoder.entry.preprocessing;
 * if (p.calibration === 'orientation') console.info('pass an orientation or a placement for full classes');
 * ```
 */
export interface Preprocessing {
  /**
   * Accelerometer gravity: `keep` the total acceleration, or `remove` it (body acceleration
   * only, as split by a low-pass gravity estimate at `gravityCutoffHz`).
   */
  readonly gravity: 'keep' | 'remove';
  /** Cut-off of the gravity low-pass in Hz when `gravity` is `remove` (UCI HAR uses 0.3). */
  readonly gravityCutoffHz?: number;
  /** Optional band-pass in Hz applied to the stream before windowing (ECG baseline and noise). */
  readonly bandpassHz?: readonly [low: number, high: number];
  /**
   * Per-window normalisation per channel: `none`, `center` (subtract the window mean) or
   * `zscore` (subtract the mean, divide by the standard deviation plus 1e-6).
   */
  readonly normalize: 'none' | 'center' | 'zscore';
  /** Fixed per-channel affine applied last: `(x - offset[c]) / scale[c]`. */
  readonly offset?: readonly number[];
  /** See `offset`. */
  readonly scale?: readonly number[];
  /**
   * `orientation`: accelerometer and gyroscope may be rotated into a body frame estimated from a
   * standing-still reference segment before the model (the model was trained in that frame).
   */
  readonly calibration: 'none' | 'orientation';
  /**
   * For `calibration: 'orientation'`: the direction gravity's reaction points in the training
   * frame for the reference posture (standing), as `calibrateOrientation` expects it.
   */
  readonly referenceUp?: readonly [number, number, number];
}

/**
 * One model of the manifest.
 *
 * @example
 * ```ts
 * import { createEncoder, type ModelEntry } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'imu' });
 * const entry: ModelEntry = encoder.entry;
 * console.log(`${entry.windowSamples} samples at ${entry.sampleRate} Hz`, entry.classes);
 * ```
 */
export interface ModelEntry {
  /** ONNX file, relative to the manifest. */
  readonly file: string;
  /** SHA-256 of the file, lowercase hex. */
  readonly sha256: string;
  /** Sensor the model reads. */
  readonly kind: SensorKind;
  /** Channels of the model input, in order, with the units the model expects. */
  readonly channels: readonly ChannelInfo[];
  /** Model sample rate in Hz. */
  readonly sampleRate: number;
  /** Samples per window at `sampleRate`. */
  readonly windowSamples: number;
  /** Input tensor: name, layout. */
  readonly input: { readonly name: string; readonly layout: InputLayout };
  /** Output tensor names: the embedding `[batch, dim]` and optionally class logits `[batch, classes]`. */
  readonly outputs: { readonly embedding: string; readonly logits?: string; readonly groupLogits?: string };
  /** Embedding size and its split into invariant / variant / free dimensions. */
  readonly embedding: { readonly dim: number; readonly inv: DimRange; readonly var: DimRange; readonly free: DimRange };
  /** Class names, in logit order (absent for embedding-only models). */
  readonly classes?: readonly string[];
  /**
   * Groups of the group head (`outputs.groupLogits`): names in logit order and the group of each
   * class. A rotation of the device cannot change the group, so it is the honest answer when the
   * orientation is unknown.
   */
  readonly groups?: { readonly names: readonly string[]; readonly ofClass: readonly number[] };
  /**
   * Softmax temperatures fitted on held-out training subjects (default 1): `probs = softmax(logits / T)`.
   * `groupsByPlacement` holds a group temperature per placement, used by `classify` when the
   * placement is given (each fitted on the validation subjects of a dataset worn that way).
   */
  readonly temperature?: {
    readonly classes?: number;
    readonly groups?: number;
    readonly groupsByPlacement?: { readonly waist?: number; readonly pocket?: number };
  };
  /**
   * Input rates in Hz the model was trained to accept. The operators resample every stream to
   * `sampleRate`; one slower than the lowest rate fails with `E_RATE` (see `modelInput`), a
   * faster one is resampled down.
   */
  readonly acceptedRateHz?: readonly [low: number, high: number];
  /** Preprocessing the model was trained with. */
  readonly preprocessing: Preprocessing;
  /** Free-form provenance (dataset, split, commit, metrics file). */
  readonly trainedOn?: string;
}

const isRange = (r: unknown, dim: number): boolean =>
  Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 0 && r[0] <= r[1] && r[1] <= dim;

/**
 * Checks that a value read from JSON is a well-formed {@link ModelEntry}.
 *
 * @param name - model name, for messages
 * @param e - the parsed value
 * @throws ModelError `E_MODEL_SPEC` naming the first bad field
 * @example
 * ```ts
 * import { checkModelEntry } from 'scl-wear/advanced';
 * const entry = checkModelEntry('imu', JSON.parse(text).models.imu);
 * ```
 */
export function checkModelEntry(name: string, e: unknown): ModelEntry {
  /* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access --
     the entry is untyped JSON, checked field by field with JavaScript's own comparisons before it is returned typed */
  const bad = (field: string, why: string): never => {
    throw new ModelError('E_MODEL_SPEC', `manifest entry "${name}": ${field} ${why}`, { details: { model: name, field } });
  };
  if (typeof e !== 'object' || e === null) return bad('entry', 'must be an object');
  const m = e as Record<string, any>;
  if (typeof m.file !== 'string' || !m.file) bad('file', 'must be a path');
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) bad('sha256', 'must be 64 lowercase hex digits');
  if (!['ecg', 'acc', 'gyro', 'imu'].includes(m.kind)) bad('kind', 'must be ecg, acc, gyro or imu');
  if (!Array.isArray(m.channels) || m.channels.length === 0) bad('channels', 'must be a non-empty list');
  if (!(m.sampleRate > 0)) bad('sampleRate', 'must be a positive number of Hz');
  if (!(Number.isInteger(m.windowSamples) && m.windowSamples > 0)) bad('windowSamples', 'must be a positive integer');
  if (typeof m.input?.name !== 'string' || !['NCT', 'NTC'].includes(m.input?.layout)) bad('input', 'must be { name, layout: NCT|NTC }');
  if (typeof m.outputs?.embedding !== 'string') bad('outputs.embedding', 'must be an output name');
  const em = m.embedding ?? {};
  if (!(Number.isInteger(em.dim) && em.dim > 0)) bad('embedding.dim', 'must be a positive integer');
  for (const k of ['inv', 'var', 'free']) if (!isRange(em[k], em.dim)) bad(`embedding.${k}`, `must be [start, end) within 0..${em.dim}`);
  if (m.outputs.logits !== undefined && !(Array.isArray(m.classes) && m.classes.length > 0))
    bad('classes', 'must list the classes of outputs.logits');
  if (m.groups !== undefined) {
    const g = m.groups;
    if (!Array.isArray(g.names) || g.names.length === 0 || !Array.isArray(g.ofClass) || g.ofClass.length !== (m.classes?.length ?? -1))
      bad('groups', 'must be { names, ofClass } with a group per class');
    if (!g.ofClass.every((i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < g.names.length))
      bad('groups.ofClass', 'must index groups.names');
  }
  for (const k of ['classes', 'groups'])
    if (m.temperature?.[k] !== undefined && !(m.temperature[k] > 0)) bad(`temperature.${k}`, 'must be a positive number');
  for (const k of ['waist', 'pocket'])
    if (m.temperature?.groupsByPlacement?.[k] !== undefined && !(m.temperature.groupsByPlacement[k] > 0))
      bad(`temperature.groupsByPlacement.${k}`, 'must be a positive number');
  const p = m.preprocessing ?? {};
  if (!['keep', 'remove'].includes(p.gravity)) bad('preprocessing.gravity', 'must be keep or remove');
  if (!['none', 'center', 'zscore'].includes(p.normalize)) bad('preprocessing.normalize', 'must be none, center or zscore');
  if (!['none', 'orientation'].includes(p.calibration)) bad('preprocessing.calibration', 'must be none or orientation');
  const nc = m.channels.length;
  for (const k of ['offset', 'scale'])
    if (p[k] !== undefined && !(Array.isArray(p[k]) && p[k].length === nc)) bad(`preprocessing.${k}`, `must have ${nc} values`);
  return m as ModelEntry;
  /* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access */
}

/**
 * Checks a parsed `manifest.json` and returns it typed.
 *
 * @param json - the parsed file
 * @throws ModelError `E_MODEL_SPEC` when the file or an entry is malformed
 * @example
 * ```ts
 * import { parseManifest } from 'scl-wear/advanced';
 * const manifest = parseManifest(await (await fetch('/models/manifest.json')).json());
 * ```
 */
export function parseManifest(json: unknown): ModelManifest {
  const m = json as { version?: unknown; models?: unknown };
  if (typeof m !== 'object' || m === null || m.version !== 1 || typeof m.models !== 'object' || m.models === null) {
    throw new ModelError('E_MODEL_SPEC', 'manifest must be { version: 1, models: { name: entry } }');
  }
  for (const [name, e] of Object.entries(m.models)) checkModelEntry(name, e);
  return m as ModelManifest;
}

/**
 * Parses and checks the text of a `manifest.json`.
 *
 * @param text - the file's text
 * @param source - where it was read from (path or URL), for messages
 * @throws ModelError `E_MODEL_SPEC` naming `source` when the text is not JSON or the manifest
 *   is malformed
 */
export function parseManifestText(text: string, source: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelError('E_MODEL_SPEC', `${source} is not a JSON manifest: ${messageOf(err)}`, { cause: err, details: { source } });
  }
  try {
    return parseManifest(json);
  } catch (err) {
    if (err instanceof ModelError)
      throw new ModelError(err.code, `${source}: ${err.message}`, { cause: err, details: { ...err.details, source } });
    throw err;
  }
}

/**
 * Looks up a model by name. Only the manifest's own entries count: names such as
 * `constructor` or `__proto__` are ordinary names, found only when the manifest lists them.
 *
 * @param manifest - the manifest
 * @param name - model name
 * @throws ModelError `E_MODEL_NOT_FOUND` listing the names the manifest has
 * @example
 * ```ts
 * import { modelEntry, parseManifest } from 'scl-wear/advanced';
 * const { windowSamples } = modelEntry(parseManifest(JSON.parse(text)), 'imu');
 * ```
 */
export function modelEntry(manifest: ModelManifest, name: string): ModelEntry {
  checkArg(typeof name === 'string', 'model', 'a model name', name);
  const e = Object.hasOwn(manifest.models, name) ? manifest.models[name] : undefined;
  if (!e) {
    const names = Object.keys(manifest.models);
    throw new ModelError('E_MODEL_NOT_FOUND', `no model "${name}"; the manifest has: ${names.join(', ') || 'none'}`, {
      details: { model: name, available: names },
    });
  }
  return e;
}
