import { defer, map, tap, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { checkArg, ModelError } from '../errors.js';
import { POSTURES, postureFromTilt, retemper, WalkingVertical, type Placement } from './self-calibration.js';
import { encodeWindows } from './encode-windows.js';
import type { ClassResult, Encoder } from './encoder.js';
import type { ModelEntry } from './manifest.js';
import { hopFrames, modelInput, type ModelInputOptions } from './model-input.js';
import { orbitAverage } from './orbit-average.js';
import { PlacementDetector, windowSwing } from './placement.js';
import { ClassSmoother, type SmoothingOptions } from './smoothing.js';

/**
 * Options of {@link classify}: hop in seconds, orientation or placement (self-calibration from
 * walking), smoothing over consecutive windows, and orbit averaging over rotations.
 *
 * @example
 * ```ts
 * import { classify, type ClassifyOptions } from 'scl-wear';
 * const options: ClassifyOptions = { hopSeconds: 1.28, placement: 'waist', walkingSeconds: 30, smoothing: { windows: 5, method: 'majority' }, rotationAverage: 8 };
 * imu$.pipe(classify(encoder, options)).subscribe((r) => console.log(r.label));
 * ```
 */
export interface ClassifyOptions extends ModelInputOptions {
  /** Smooth over consecutive windows (a number means that many windows, mean probabilities). */
  smoothing?: number | SmoothingOptions;
  /**
   * Self-calibration from walking (IMU models with a group head): where the device is worn, or
   * `'auto'` to infer it from the walking (see `PlacementDetector`: after 15 s of walking on the
   * level or stairs, from the accelerometer alone; until then the pooled group temperature and no
   * posture, afterwards exactly what the inferred placement does, named in each result's `placement`).
   * After `walkingSeconds` of walking (on the level, or up and down stairs where there was not
   * that much level walking yet; see `WalkingVertical`) the body vertical is known in the device
   * frame, and still windows get a posture (see `postureFromTilt`) with `calibrated: true`. The
   * posture is wrong while the device sits turned or moved since the walk (in a pocket, after it
   * was put back differently) until `walkingSeconds` of new walking replaced the old estimate. Where the manifest has
   * a group temperature for this placement (`temperature.groupsByPlacement`), `groupProbs` use it
   * (with `rotationAverage`, applied to the averaged probabilities).
   */
  placement?: Placement | 'auto';
  /** Walking needed before self-calibration is used, seconds (default 20). */
  walkingSeconds?: number;
  /**
   * Test-time orbit averaging (IMU models with a group head, orientation unknown): each window
   * runs `K` times, as recorded and rotated by a fixed, well-spread set of `K - 1` rotations
   * (see `orbitRotations`), in one batch, and the class and group probabilities are averaged.
   * The group then depends far less on how the device is held, at about `K` times the inference
   * cost. An integer 1..64; default off (1). Not with `orientation`: a calibrated posture needs
   * the real orientation. With `placement`, walking is detected from the averaged group and
   * posture still comes from the tilt.
   */
  rotationAverage?: number;
}

/** Mean of the first three channels of a window: its gravity estimate. */
function windowGravity(data: Float32Array, channels: number): [number, number, number] {
  const g: [number, number, number] = [0, 0, 0];
  const frames = data.length / channels;
  for (let t = 0; t < frames; t++) for (let c = 0; c < 3; c++) g[c] = g[c]! + data[t * channels + c]! / frames;
  return g;
}

/** The label that can be known: the class when calibrated, otherwise the group; the placement in use, if any. */
function settle(entry: ModelEntry, r: ClassResult, calibrated: boolean, label?: string, placement?: Placement): ClassResult {
  if (!r.group) return { ...r, label: entry.classes![r.labelIndex]!, calibrated: true };
  const out = { ...r, calibrated, label: label ?? (calibrated ? entry.classes![r.labelIndex]! : r.group) };
  return placement ? { ...out, placement } : out;
}

/**
 * Classifies a live stream: like {@link embed}, and each result also carries the class
 * probabilities, the group (rotation-invariant) probabilities and the label that can be known:
 * the full class only when the orientation is known (`orientation` given, or self-calibrated
 * from walking with `placement`), otherwise the group, and the placement in use, if any.
 * Optionally smoothed over the last windows.
 *
 * @param encoder - an encoder whose model has classes
 * @param options - hop (seconds), orientation or placement, smoothing
 * @returns an operator from batches to class results
 * @throws ModelError `E_MODEL_SPEC` (at call) when the model has no classes; InputError
 *   `E_ARGUMENT` for bad options (`placement` not `'waist'`, `'pocket'` or `'auto'`, both
 *   `orientation` and `placement`, `placement` or
 *   `rotationAverage` for a model without a group head, `rotationAverage` not an integer 1..64
 *   or with `orientation`); in the stream the errors of the stages and the encoder
 * @example
 * ```ts
 * import { classify, createEncoder } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'imu' });
 * imu$.pipe(classify(encoder, { placement: 'pocket' }))
 *   .subscribe((r) => console.log(r.t0, r.label, r.group, r.calibrated));
 * // Placement unknown: inferred from the first 15 s of walking (r.placement once decided).
 * imu$.pipe(classify(encoder, { placement: 'auto' })).subscribe((r) => console.log(r.label, r.placement));
 * // Orientation unknown: average the group over 8 rotations of each window (8× the inference).
 * imu$.pipe(classify(encoder, { rotationAverage: 8 })).subscribe((r) => console.log(r.group, r.groupProbs));
 * ```
 */
export function classify(encoder: Encoder, options: ClassifyOptions = {}): OperatorFunction<SampleBatch, ClassResult> {
  const entry = encoder.entry;
  if (!entry.outputs.logits || !entry.classes?.length)
    throw new ModelError('E_MODEL_SPEC', `${entry.file} has no class output; use embed()`);
  const placement = options.placement;
  checkArg(
    placement === undefined || placement === 'waist' || placement === 'pocket' || placement === 'auto',
    'placement',
    "'waist', 'pocket' or 'auto'",
    placement,
  );
  checkArg(placement === undefined || options.orientation === undefined, 'placement', 'absent when an orientation is given', placement);
  checkArg(
    placement === undefined || (entry.groups !== undefined && entry.kind !== 'ecg'),
    'placement',
    `absent: model ${entry.file} has no group head`,
    placement,
  );
  const k = options.rotationAverage;
  checkArg(k === undefined || options.orientation === undefined, 'rotationAverage', 'absent when an orientation is given', k);
  checkArg(
    k === undefined || (entry.groups !== undefined && entry.kind !== 'ecg'),
    'rotationAverage',
    `absent: model ${entry.file} has no group head`,
    k,
  );
  const averaged = k === undefined ? encoder : orbitAverage(encoder, k);
  const walking = options.walkingSeconds ?? 20;
  if (placement) new WalkingVertical(walking); // checks the duration now
  const input = modelInput(entry, options);
  const s = options.smoothing;
  const smoothing = s === undefined ? undefined : typeof s === 'number' ? { windows: s } : s;
  const hop = hopFrames(entry, options.hopSeconds) / entry.sampleRate;
  if (smoothing) new ClassSmoother(entry.classes, smoothing, 1.5 * hop); // checks the options now
  const known = options.orientation !== undefined;
  return (source) =>
    defer(() => {
      const smoother = smoothing ? new ClassSmoother(entry.classes!, smoothing, 1.5 * hop) : undefined; // one per subscription
      const vertical = placement ? new WalkingVertical(walking) : undefined;
      const detector = placement === 'auto' ? new PlacementDetector() : undefined;
      const gravity = new Map<number, [number, number, number]>();
      const swing = new Map<number, number>(); // per window until the placement is decided
      const where = () => (placement === 'auto' ? detector!.placement : placement);
      let lastSeen = -Infinity; // end of the last window the detector saw, seconds
      let lastEnd = -Infinity; // the same for the vertical
      const windows = source.pipe(
        input,
        tap((w) => {
          if (!vertical) return;
          gravity.set(w.seq, windowGravity(w.data, w.channels.length));
          if (!detector || detector.placement) return;
          swing.set(w.seq, windowSwing(w.data, w.length, w.channels.length, w.rate));
        }),
      );
      return windows.pipe(
        encodeWindows(averaged, 'classify'),
        tap((r) => {
          if (detector && swing.has(r.seq)) {
            const groupIndex = entry.groups!.names.indexOf(r.group!);
            // Walking on the level, or up or down stairs (groups 0, 1, 2) decides the placement.
            if (groupIndex >= 0 && groupIndex <= 2)
              detector.addSwing(swing.get(r.seq)!, Math.min(r.t1 - r.t0, Math.max(0, r.t1 - Math.max(r.t0, lastSeen))));
            lastSeen = Math.max(lastSeen, r.t1);
            swing.delete(r.seq);
          }
          const at = where();
          const placed = at && entry.temperature?.groupsByPlacement?.[at];
          if (placed && r.groupProbs) retemper(r.groupProbs, entry.temperature?.groups ?? 1, placed);
        }),
        map((r) => (smoother ? smoother.push(r) : r)),
        map((r) => {
          if (!vertical) return settle(entry, r, known);
          const g = gravity.get(r.seq)!;
          gravity.delete(r.seq);
          const groupIndex = entry.groups!.names.indexOf(r.group!);
          // Walking on the level, or up or down stairs (groups 0, 1, 2): the vertical prefers the level.
          if (groupIndex >= 0 && groupIndex <= 2)
            vertical.push(g, Math.min(r.t1 - r.t0, Math.max(0, r.t1 - Math.max(r.t0, lastEnd))), groupIndex === 0 ? 'level' : 'stairs');
          lastEnd = Math.max(lastEnd, r.t1);
          const at = where();
          if (!vertical.ready || !at) return settle(entry, r, false, undefined, at);
          const still = entry.groups!.ofClass[POSTURES.SITTING] === groupIndex;
          return settle(entry, r, true, still ? entry.classes![postureFromTilt(vertical.tiltDegrees(g), at)] : r.group, at);
        }),
      );
    });
}
