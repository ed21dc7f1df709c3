import type { ConvLayer, NetworkSpec } from './networks.js';

/**
 * Latent split of a preset: d_inv, d_var, d_free.
 *
 * @example
 * ```ts
 * import { ecgSpec } from 'scl-wear/train';
 * const spec = ecgSpec({ inv: 16, var: 32, free: 16 }); // a larger variant part
 * ```
 */
export interface DimChoice {
  /** Invariant dims (`z_inv`). */
  readonly inv: number;
  /** Variant dims (`z_var`). */
  readonly var: number;
  /** Free dims (`z_free`). */
  readonly free: number;
}

/** Default latent split (32 invariant dims, as the paper found best). */
export const DEFAULT_DIMS: DimChoice = { inv: 32, var: 16, free: 16 };

const IMU_CONV: readonly ConvLayer[] = [
  { filters: 24, kernel: 7, stride: 2 },
  { filters: 48, kernel: 5, stride: 2 },
  { filters: 64, kernel: 5, stride: 2 },
  { filters: 64, kernel: 3, stride: 1 },
];

/**
 * The shipped IMU encoder (about 40k parameters): 128 samples at 50 Hz of total acceleration
 * (g) and gyroscope (rad/s), physics features (see `FeatureMode`), 4 Conv1D layers, z of 64
 * dims, a 6-class head on [z_inv, z_free] and a walk / up / down / static head on z_inv.
 *
 * @param dims - latent split (default 32 / 16 / 16)
 * @example
 * ```ts
 * import { imuSpec, initNetwork } from 'scl-wear/train';
 * const spec = imuSpec({ inv: 48, var: 8, free: 8 });
 * const params = initNetwork(spec, 1);
 * ```
 */
export function imuSpec(dims: DimChoice = DEFAULT_DIMS): NetworkSpec {
  return { channels: 6, samples: 128, features: 'imu-physics', conv: IMU_CONV, dims, classes: 6, groups: [0, 1, 2, 3, 3, 3] };
}

const VARIANT_CONV: readonly ConvLayer[] = [
  { filters: 16, kernel: 7, stride: 2 },
  { filters: 32, kernel: 5, stride: 2 },
  { filters: 32, kernel: 5, stride: 2 },
];

/**
 * An IMU spec with z_inv from its own stack on the rotation-invariant channels only (see
 * `NetworkSpec.invariantConv`): that stack has the shape of the shipped stack, and a smaller
 * stack on every feature gives z_var and z_free (about 47k parameters with a gyroscope).
 *
 * @param spec - an IMU spec with `imu-physics` features, e.g. {@link imuSpec} or {@link accSpec}
 * @param frame - the invariant stack also reads the window's horizontal-frame channels (`NetworkSpec.invariantFrame`)
 * @param fromAcc - the invariant stack reads the accelerometer only (`NetworkSpec.invariantFromAcc`)
 * @example
 * ```ts
 * import { imuSpec, invariantBranch, parameterCount } from 'scl-wear/train';
 * console.log(parameterCount(invariantBranch(imuSpec()))); // 47058
 * ```
 */
export function invariantBranch(spec: NetworkSpec, frame = false, fromAcc = false): NetworkSpec {
  return {
    ...spec,
    conv: VARIANT_CONV,
    invariantConv: IMU_CONV,
    ...(frame ? { invariantFrame: true } : {}),
    ...(fromAcc ? { invariantFromAcc: true } : {}),
  };
}

/**
 * The accelerometer-only variant of {@link imuSpec} (3 input channels).
 *
 * @example
 * ```ts
 * import { accSpec } from 'scl-wear/train';
 * const spec = accSpec();
 * console.log(spec.channels, spec.samples); // 3 128
 * ```
 */
export function accSpec(dims: DimChoice = DEFAULT_DIMS): NetworkSpec {
  return { ...imuSpec(dims), channels: 3 };
}

const ECG_CONV: readonly ConvLayer[] = [
  { filters: 16, kernel: 7, stride: 2 },
  { filters: 32, kernel: 5, stride: 2 },
  { filters: 48, kernel: 5, stride: 2 },
  { filters: 64, kernel: 5, stride: 2 },
  { filters: 64, kernel: 3, stride: 1 },
];

/**
 * The shipped ECG encoder (about 45k parameters): one lead, 520 samples (4 s) at 130 Hz,
 * band-passed 0.5-40 Hz and z-scored per window; 5 Conv1D layers, z of 64 dims and a head on
 * [z_inv, z_free] for the AAMI window class (N, S, V, F).
 *
 * @param dims - latent split (default 32 / 16 / 16)
 * @param samples - window length (default 520)
 * @example
 * ```ts
 * import { ecgSpec } from 'scl-wear/train';
 * const spec = ecgSpec(undefined, 650); // 5 s windows at 130 Hz
 * ```
 */
export function ecgSpec(dims: DimChoice = DEFAULT_DIMS, samples = 520): NetworkSpec {
  return { channels: 1, samples, features: 'raw', conv: ECG_CONV, dims, classes: 4 };
}
