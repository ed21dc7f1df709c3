import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import type { SampleWindow } from '../core/window.js';
import { FrameRing } from '../dsp/frame-ring.js';
import { checkArg } from '../errors.js';
import { statefulOperator } from './stateful-operator.js';
import { checkSameStream } from './stream-shape.js';

/** Where the frames of the current segment came from, to time a window's first frame. */
interface Anchor {
  /** Segment frame index of the batch's first frame. */
  readonly at: number;
  readonly batch: Pick<SampleBatch, 't0' | 'rate' | 'timestamps'>;
}

/**
 * Cuts a stream of batches into windows of `size` frames starting every `hop` frames, across
 * batch boundaries.
 *
 * Each window's `data` is a fresh interleaved `Float32Array` that belongs to the consumer (it
 * can be transferred to a worker); nothing else is copied, and only the last `size` frames are
 * held between batches. `start` counts the frames received so far, `t0` is the time of the
 * window's first frame.
 *
 * A batch with `gapBefore` discards the frames held, so a window never spans a gap; the next
 * window starts at the first frame after the gap. On completion a trailing partial window is
 * dropped (encoders need full windows).
 *
 * @param size - frames per window (≥ 1)
 * @param hop - frames between window starts (≥ 1, default `size`: no overlap)
 * @returns an operator from batches to windows
 * @throws InputError `E_ARGUMENT` (at call) when size or hop is not a positive integer;
 *   in the stream, `E_SHAPE` / `E_RATE` when the stream's channels or rate change
 * @example
 * ```ts
 * import { slidingWindow } from 'scl-wear';
 * // 4 s windows every 1 s of a 130 Hz ECG stream (the ECG encoder's input)
 * ecg$.pipe(slidingWindow(520, 130)).subscribe((w) => encoder.embed([w]));
 * ```
 * @see {@link normalize} to standardise each window
 */
export function slidingWindow(size: number, hop = size): OperatorFunction<SampleBatch, SampleWindow> {
  checkArg(Number.isInteger(size) && size >= 1, 'size', 'a positive integer number of frames', size);
  checkArg(Number.isInteger(hop) && hop >= 1, 'hop', 'a positive integer number of frames', hop);
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let ring: FrameRing | undefined;
    let anchors: Anchor[] = [];
    let segmentBase = 0; // frames received before the current segment
    let nextStart = 0; // segment frame index of the next window's first frame
    let seq = 0;
    return {
      next(batch, emit) {
        first ??= batch;
        checkSameStream(first, batch, 'slidingWindow');
        const nc = batch.channels.length;
        ring ??= new FrameRing(nc, size);
        if (batch.gapBefore !== undefined && batch.gapBefore > 0) {
          segmentBase += ring.end;
          ring.reset();
          anchors = [];
          nextStart = 0;
        }
        const n0 = ring.end;
        anchors.push({ at: n0, batch: { t0: batch.t0, rate: batch.rate, timestamps: batch.timestamps } });
        while (nextStart + size <= n0 + batch.length) {
          const data = new Float32Array(size * nc);
          const fromRing = Math.max(0, Math.min(n0, nextStart + size) - nextStart);
          if (fromRing > 0) ring.read(nextStart, fromRing, data);
          const from = Math.max(nextStart, n0) - n0;
          data.set(batch.data.subarray(from * nc, (nextStart + size - n0) * nc), fromRing * nc);
          emit({
            kind: batch.kind,
            channels: batch.channels,
            rate: batch.rate,
            t0: timeOf(anchors, nextStart),
            start: segmentBase + nextStart,
            length: size,
            seq: seq++,
            data,
          });
          nextStart += hop;
        }
        ring.write(batch.data, batch.length);
        while (anchors.length > 1 && anchors[1]!.at <= nextStart) anchors.shift();
      },
    };
  });
}

function timeOf(anchors: readonly Anchor[], index: number): number {
  let a = anchors[0]!;
  for (const b of anchors) if (b.at <= index) a = b;
  const { t0, rate, timestamps } = a.batch;
  return timestamps ? timestamps[index - a.at]! : t0 + (index - a.at) / rate;
}
