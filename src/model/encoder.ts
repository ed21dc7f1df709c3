import type { SampleWindow } from '../core/window.js';
import type { Device } from './device.js';
import type { ModelEntry } from './manifest.js';
import type { RunOutput } from './runtime.js';
import type { Placement } from './self-calibration.js';

/**
 * The embedding of one window. Vectors are views into one buffer per batch (no copies).
 *
 * @example
 * ```ts
 * import { embed, type EmbeddingResult } from 'scl-wear';
 * ecg$.pipe(embed(encoder)).subscribe((r: EmbeddingResult) => {
 *   console.log(`${r.t0}-${r.t1} s: ${r.inv.length} invariant of ${r.embedding.length} dimensions`);
 * });
 * ```
 */
export interface EmbeddingResult {
  /** The window's number in its stream (`SampleWindow.seq`). */
  readonly seq: number;
  /** The window's first frame, counted from the start of its stream at the model rate. */
  readonly start: number;
  /** Time of the window's first sample, in seconds. */
  readonly t0: number;
  /** Time just after the window's last sample, in seconds. */
  readonly t1: number;
  /** The whole embedding, `entry.embedding.dim` values. */
  readonly embedding: Float32Array;
  /** Invariant dimensions (unchanged by the nuisance transform: phase shift, rotation). */
  readonly inv: Float32Array;
  /** Variant dimensions (encode the transform). */
  readonly var: Float32Array;
  /** Free dimensions (task features). */
  readonly free: Float32Array;
}

/**
 * The embedding and class of one window.
 *
 * @example
 * ```ts
 * import { classify, type ClassResult } from 'scl-wear';
 * imu$.pipe(classify(encoder)).subscribe((r: ClassResult) => {
 *   const p = r.probs[r.labelIndex]!;
 *   console.log(r.label, r.calibrated ? p.toFixed(2) : '(group only: orientation unknown)');
 * });
 * ```
 */
export interface ClassResult extends EmbeddingResult {
  /** Class probabilities (softmax of the logits over the temperature), in the manifest's class order. */
  readonly probs: Float32Array;
  /** Index of the most probable class in `probs`. */
  readonly labelIndex: number;
  /**
   * What the window is, as far as it can be known: the most probable class when `calibrated`,
   * otherwise the most probable group (when the model has a group head). A device in an unknown
   * orientation cannot tell sitting from standing from lying, so without calibration an IMU
   * model answers `STATIC` rather than guess.
   */
  readonly label: string;
  /** Group probabilities of the group head (rotation-invariant), when the model has one. */
  readonly groupProbs?: Float32Array;
  /** Most probable group, when the model has a group head. */
  readonly group?: string;
  /** Whether `label` is a full class: the orientation is known (or the model has no group head). */
  readonly calibrated: boolean;
  /**
   * Where the device is worn, as `classify` used it for this window (that placement's group
   * temperature and posture rule): the `placement` given, or the one inferred with
   * `placement: 'auto'` once decided. Absent without a placement and before the decision.
   */
  readonly placement?: Placement;
}

/**
 * An encoder: one model on one device, reached in-process or through a worker. Calls from many
 * streams are merged into micro-batches.
 *
 * @example
 * ```ts
 * import { createEncoder } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'imu', device: 'auto' });
 * console.log(encoder.device, encoder.deviceReason);
 * const [r] = await encoder.classify(windows); // SampleWindow[] at the model's rate and length
 * console.log(r.label, r.inv);
 * await encoder.close();
 * ```
 */
export interface Encoder {
  /** The model's manifest entry. */
  readonly entry: ModelEntry;
  /** The device the model runs on. */
  readonly device: Device;
  /** Why that device was chosen (fallbacks and timings included). */
  readonly deviceReason: string;
  /**
   * Embeds windows (at the model rate and length, channels named like the model's).
   *
   * @throws InputError `E_RATE`, `E_SHAPE`, `E_UNIT`, `E_NAN` for a bad window; ModelError
   *   `E_INFERENCE`, `E_WORKER` (worker died), `E_CLOSED`
   */
  embed(windows: readonly SampleWindow[]): Promise<EmbeddingResult[]>;
  /**
   * Embeds and classifies windows.
   *
   * @throws as {@link Encoder.embed}, and ModelError `E_MODEL_SPEC` when the model has no classes
   */
  classify(windows: readonly SampleWindow[]): Promise<ClassResult[]>;
  /** Stops the worker (or releases the session); pending calls fail with `E_CLOSED`. */
  close(): Promise<void>;
}

/**
 * What an {@link Encoder} runs batches on: an in-process runtime or a worker.
 *
 * @example
 * ```ts
 * import type { InferenceBackend } from 'scl-wear';
 * import { BatchingEncoder, ModelRuntime, loadOrtWeb } from 'scl-wear/advanced';
 * const rt = new ModelRuntime(loadOrtWeb);
 * const info = await rt.load({ bytes, entry, device: 'wasm', pick: 'first', warmupBatch: 8, threads: 1 });
 * const backend: InferenceBackend = { ...info, run: (input, n) => rt.run(input, n), close: () => rt.close() };
 * const encoder = new BatchingEncoder(backend, entry);
 * ```
 */
export interface InferenceBackend {
  readonly device: Device;
  readonly reason: string;
  /**
   * Runs `n` packed windows and returns the outputs by ONNX output name (see `RunOutput`).
   * May transfer (detach) `input`; the result hands it back.
   *
   * @throws ModelError `E_WORKER` when the worker died; `details.retry` is true when it was
   *   restarted and the batch can be sent again (re-packed)
   */
  run(input: Float32Array, n: number): Promise<RunOutput>;
  close(): Promise<void>;
}

/**
 * Micro-batching limits of an encoder: windows per run, longest wait for more windows in ms,
 * runs in flight.
 *
 * @example
 * ```ts
 * import { createEncoder, type BatchOptions } from 'scl-wear';
 * const batch: BatchOptions = { maxSize: 32, maxDelayMs: 20, maxInFlight: 2 };
 * const encoder = await createEncoder({ model: 'ecg', batch });
 * ```
 */
export interface BatchOptions {
  /** Most windows per run (default 64). */
  maxSize?: number;
  /** How long a window may wait for others before a run starts, in ms (default 0: same tick only). */
  maxDelayMs?: number;
  /** Runs in flight at once (default 2, so the worker never idles between batches). */
  maxInFlight?: number;
}
