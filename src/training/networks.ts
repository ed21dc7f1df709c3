import * as tf from '@tensorflow/tfjs';
import { checkArg } from '../errors.js';
import { createRng } from '../core/random.js';
import { checkAlign, type AlignCrop } from './align-crop.js';

/**
 * One 1-D convolution layer of an encoder (`same` padding, followed by ReLU).
 *
 * @example
 * ```ts
 * import { imuSpec, parameterCount } from 'scl-wear/train';
 * const shallow = { ...imuSpec(), conv: [{ filters: 32, kernel: 9, stride: 4 }, { filters: 64, kernel: 5, stride: 2 }] };
 * console.log(parameterCount(shallow));
 * ```
 */
export interface ConvLayer {
  /** Output channels. */
  readonly filters: number;
  /** Kernel length in samples. */
  readonly kernel: number;
  /** Stride in samples. */
  readonly stride: number;
}

/**
 * Input features computed inside the model from the raw input:
 * - `raw`: the input channels as they are;
 * - `imu-physics`: for input `[acc x/y/z (g, gravity included), gyro x/y/z (rad/s)?]`, adds
 *   rotation-invariant channels computed against the window's own gravity estimate (mean
 *   acceleration): vertical and horizontal body acceleration, and (with a gyroscope) the
 *   rotation rate about and across the vertical; the raw channels follow them.
 *
 * @example
 * ```ts
 * import { imuSpec, parameterCount } from 'scl-wear/train';
 * const rawInput = { ...imuSpec(), features: 'raw' } as const; // no rotation-invariant channels
 * console.log(parameterCount(rawInput) < parameterCount(imuSpec())); // true: 4 input features fewer
 * ```
 */
export type FeatureMode = 'raw' | 'imu-physics';

/**
 * Architecture of a Conv1D encoder with an SCL latent split and optional class heads.
 *
 * @example
 * ```ts
 * import { initNetwork, parameterCount, type NetworkSpec } from 'scl-wear/train';
 * const spec: NetworkSpec = {
 *   channels: 3, // e.g. a wrist accelerometer
 *   samples: 100,
 *   features: 'raw',
 *   conv: [{ filters: 16, kernel: 5, stride: 2 }, { filters: 32, kernel: 3, stride: 1 }],
 *   dims: { inv: 16, var: 8, free: 8 },
 *   classes: 4,
 * };
 * const params = initNetwork(spec, 1);
 * console.log(parameterCount(spec));
 * ```
 */
export interface NetworkSpec {
  /** Input channels of the model (layout `[batch, channel, time]`). */
  readonly channels: number;
  /** Samples per window. */
  readonly samples: number;
  /** Feature mode (see {@link FeatureMode}). */
  readonly features: FeatureMode;
  /** Fixed per-input-channel scale applied first (default 1 for every channel). */
  readonly inputScale?: readonly number[];
  /** Convolution stack. */
  readonly conv: readonly ConvLayer[];
  /** Latent split: z = [inv | var | free]. */
  readonly dims: { readonly inv: number; readonly var: number; readonly free: number };
  /** Classes of the task head on `[z_inv, z_free]` (0: no head). */
  readonly classes: number;
  /**
   * Optional grouping of the classes (`group[class]`); adds a head on `z_inv` alone predicting
   * the group (e.g. walking / upstairs / downstairs / static, which rotation cannot change).
   */
  readonly groups?: readonly number[];
  /**
   * Start-of-window readout for z_var (0 or absent: off). The mean over time that pools the last
   * layer cannot tell where in the window a feature lies; with N > 0, z_var also reads the last
   * layer's features at its first N time steps (the window's start, where the cardiac phase of
   * the window is decided) through the weights `start.w` `[N · filters, var]`.
   */
  readonly startSteps?: number;
  /**
   * A separate convolution stack for z_inv that reads only rotation-invariant channels (needs
   * `imu-physics` features; see `invariantFeatures`). z_inv and the group head then cannot
   * change under a rotation of the input: invariant by construction, not only by training. The
   * main stack still reads every feature and gives z_var and z_free. Its weights are `inv{i}.w`,
   * `inv{i}.b` and `invproj.w` `[filters, inv]`, `invproj.b`.
   */
  readonly invariantConv?: readonly ConvLayer[];
  /** With `invariantConv`: the invariant stack also reads the window's horizontal-frame channels (see `invariantFeatures`). */
  readonly invariantFrame?: boolean;
  /** With `invariantConv`: the invariant stack reads the accelerometer's channels only, not the gyroscope's. */
  readonly invariantFromAcc?: boolean;
  /**
   * Beat-aligned input (ECG): the convolution stacks read a crop of the window that starts just
   * ahead of its largest QRS energy in the first `search` samples (see {@link AlignCrop}). The
   * input stays `samples` long; no weight is added (convolutions do not depend on the length).
   */
  readonly alignCrop?: AlignCrop;
}

/**
 * Trainable weights of an encoder, by name (`conv0.w` `[k, cin, cout]`, `conv0.b`, `proj.w`...).
 *
 * @example
 * ```ts
 * import { initNetwork, imuSpec } from 'scl-wear/train';
 * const params = initNetwork(imuSpec(), 1);
 * console.log(Object.keys(params)); // ['conv0.w', 'conv0.b', 'conv1.w', ...]
 * console.log(params['conv0.w']!.shape); // [7, 10, 24]: kernel, input features, filters
 * ```
 */
export type NetworkParams = Record<string, tf.Variable>;

/** Channels seen by the first convolution for a spec. */
export function featureChannels(spec: NetworkSpec): number {
  if (spec.features === 'raw') return spec.channels;
  return spec.channels + (spec.channels >= 6 ? 4 : 2);
}

/**
 * Channels seen by the invariant stack (`NetworkSpec.invariantConv`): vertical and horizontal
 * body acceleration, with a gyroscope also the rotation rate about and across the vertical and two
 * couplings of acceleration and rotation (b·ω and (b × ω)·ĝ); with `invariantFrame`, the body
 * acceleration (and rotation rate) in the window's own horizontal frame too.
 */
export function invariantChannels(spec: NetworkSpec): number {
  const gyro = spec.channels >= 6 && !spec.invariantFromAcc;
  return (gyro ? 6 : 2) + (spec.invariantFrame ? (gyro ? 4 : 2) : 0);
}

/** Number of groups of the group head (0 when there is none). */
export function groupCount(spec: NetworkSpec): number {
  return spec.groups && spec.dims.inv > 0 ? Math.max(...spec.groups) + 1 : 0;
}

/**
 * Time steps of the last convolution's output (`same` padding: ⌈length / stride⌉ per layer).
 *
 * @example
 * ```ts
 * const steps = convSteps(ecgSpec()); // 33: 520 → 260 → 130 → 65 → 33 → 33
 * ```
 */
export function convSteps(spec: NetworkSpec): number {
  return spec.conv.reduce((n, l) => Math.ceil(n / l.stride), convInputLength(spec));
}

/** Samples the convolution stacks read: the crop length with `alignCrop`, else `samples`. */
export function convInputLength(spec: NetworkSpec): number {
  return spec.alignCrop ? spec.alignCrop.length : spec.samples;
}

/**
 * Checks a spec and names the first bad field.
 *
 * @throws InputError `E_ARGUMENT`
 */
export function checkSpec(spec: NetworkSpec): void {
  checkArg(Number.isInteger(spec.channels) && spec.channels > 0, 'spec.channels', 'a positive integer', spec.channels);
  checkArg(Number.isInteger(spec.samples) && spec.samples > 0, 'spec.samples', 'a positive integer', spec.samples);
  checkArg(
    spec.features === 'raw' || spec.channels === 3 || spec.channels === 6,
    'spec.channels',
    '3 (acc) or 6 (acc + gyro) for imu-physics features',
    spec.channels,
  );
  if (spec.alignCrop) checkAlign(spec.alignCrop, spec.samples);
  checkArg(spec.conv.length > 0, 'spec.conv', 'at least one layer', spec.conv);
  const { inv, var: v, free } = spec.dims;
  checkArg(
    [inv, v, free].every((n) => Number.isInteger(n) && n >= 0) && inv + v + free > 0,
    'spec.dims',
    'non-negative integers with a positive sum',
    spec.dims,
  );
  checkArg(spec.classes === 0 || inv + free > 0, 'spec.dims', 'inv + free > 0 when there is a class head', spec.dims);
  checkArg(!spec.groups || spec.groups.length === spec.classes, 'spec.groups', `${spec.classes} group ids`, spec.groups);
  checkArg(!spec.inputScale || spec.inputScale.length === spec.channels, 'spec.inputScale', `${spec.channels} values`, spec.inputScale);
  checkArg(
    !spec.invariantConv || (spec.features === 'imu-physics' && inv > 0 && spec.invariantConv.length > 0),
    'spec.invariantConv',
    'at least one layer, with imu-physics features and dims.inv > 0',
    spec.invariantConv,
  );
  const start = spec.startSteps ?? 0;
  checkArg(
    Number.isInteger(start) && start >= 0 && start <= convSteps(spec) && (start === 0 || v > 0),
    'spec.startSteps',
    `an integer in [0, ${convSteps(spec)}], 0 when dims.var is 0`,
    spec.startSteps,
  );
}

/**
 * Total number of trainable values of a spec.
 *
 * @example
 * ```ts
 * import { parameterCount, imuSpec } from 'scl-wear/train';
 * parameterCount(imuSpec()); // 39874
 * ```
 */
export function parameterCount(spec: NetworkSpec): number {
  let cin = featureChannels(spec);
  let n = 0;
  for (const l of spec.conv) {
    n += l.kernel * cin * l.filters + l.filters;
    cin = l.filters;
  }
  const branch = spec.invariantConv;
  const d = spec.dims.inv + spec.dims.var + spec.dims.free - (branch ? spec.dims.inv : 0);
  n += cin * d + d + (spec.startSteps ?? 0) * cin * spec.dims.var;
  if (branch) {
    let c = invariantChannels(spec);
    for (const l of branch) {
      n += l.kernel * c * l.filters + l.filters;
      c = l.filters;
    }
    n += c * spec.dims.inv + spec.dims.inv;
  }
  if (spec.classes) n += (spec.dims.inv + spec.dims.free + 1) * spec.classes;
  const g = groupCount(spec);
  if (g) n += (spec.dims.inv + 1) * g;
  return n;
}

/**
 * Creates the weights of an encoder with a seeded He-normal initialisation (biases 0), so the
 * same seed gives the same starting point on every machine.
 *
 * @param spec - the architecture
 * @param seed - initialisation seed
 * @throws InputError `E_ARGUMENT` for a bad spec
 * @example
 * ```ts
 * import { initNetwork, imuSpec } from 'scl-wear/train';
 * const params = initNetwork(imuSpec(), 1);
 * ```
 */
export function initNetwork(spec: NetworkSpec, seed: number): NetworkParams {
  checkSpec(spec);
  const rng = createRng(seed);
  const normal = (shape: number[], fanIn: number): tf.Variable => {
    const size = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(size);
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < size; i++) v[i] = rng.normal() * std;
    return tf.variable(tf.tensor(v, shape), true);
  };
  const zeros = (n: number) => tf.variable(tf.zeros([n]), true);
  const p: NetworkParams = {};
  const stack = (layers: readonly ConvLayer[], prefix: string, channels: number): number =>
    layers.reduce((c, l, i) => {
      p[`${prefix}${i}.w`] = normal([l.kernel, c, l.filters], l.kernel * c);
      p[`${prefix}${i}.b`] = zeros(l.filters);
      return l.filters;
    }, channels);
  const cin = stack(spec.conv, 'conv', featureChannels(spec));
  if (spec.invariantConv) {
    const c = stack(spec.invariantConv, 'inv', invariantChannels(spec));
    p['invproj.w'] = normal([c, spec.dims.inv], c);
    p['invproj.b'] = zeros(spec.dims.inv);
  }
  const d = spec.dims.var + spec.dims.free + (spec.invariantConv ? 0 : spec.dims.inv);
  p['proj.w'] = normal([cin, d], cin);
  p['proj.b'] = zeros(d);
  if (spec.classes) {
    const hin = spec.dims.inv + spec.dims.free;
    p['head.w'] = normal([hin, spec.classes], hin);
    p['head.b'] = zeros(spec.classes);
  }
  const g = groupCount(spec);
  if (g) {
    p['group.w'] = normal([spec.dims.inv, g], spec.dims.inv);
    p['group.b'] = zeros(g);
  }
  if (spec.startSteps) p['start.w'] = normal([spec.startSteps * cin, spec.dims.var], spec.startSteps * cin + cin);
  return p;
}
