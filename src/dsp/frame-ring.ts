import { checkArg } from '../errors.js';

/**
 * A ring buffer of the last `capacity` interleaved frames of a stream, addressed by absolute
 * frame index (frames counted since the ring was created or reset). Used to cut windows that
 * span batch boundaries without keeping whole batches alive.
 *
 * @example
 * ```ts
 * import { FrameRing } from 'scl-wear/dsp';
 * const ring = new FrameRing(3, 250); // 3 channels, last 250 frames
 * ring.write(batch.data, batch.length);
 * const last10 = new Float32Array(30);
 * ring.read(ring.end - 10, 10, last10);
 * ```
 */
export class FrameRing {
  /** Number of interleaved channels. */
  readonly channels: number;
  /** Frames held at most. */
  readonly capacity: number;
  private readonly buf: Float32Array;
  private written = 0;

  /**
   * @param channels - interleaved channels per frame (≥ 1)
   * @param capacity - frames held (≥ 1)
   * @throws InputError `E_ARGUMENT` when an argument is not a positive integer
   */
  constructor(channels: number, capacity: number) {
    checkArg(Number.isInteger(channels) && channels >= 1, 'channels', 'a positive integer', channels);
    checkArg(Number.isInteger(capacity) && capacity >= 1, 'capacity', 'a positive integer', capacity);
    this.channels = channels;
    this.capacity = capacity;
    this.buf = new Float32Array(channels * capacity);
  }

  /** Absolute index just after the newest frame (frames written since the last reset). */
  get end(): number {
    return this.written;
  }

  /** Absolute index of the oldest frame still held. */
  get start(): number {
    return Math.max(0, this.written - this.capacity);
  }

  /**
   * Appends `frames` frames; when more than `capacity` arrive, only the newest are kept.
   *
   * @param src - interleaved frames
   * @param frames - frames to append, default all of `src`
   * @param srcFrame - first frame of `src` to append
   */
  write(src: Float32Array, frames = Math.floor(src.length / this.channels), srcFrame = 0): void {
    const nc = this.channels;
    const skip = Math.max(0, frames - this.capacity);
    this.written += skip;
    let from = srcFrame + skip;
    let left = frames - skip;
    while (left > 0) {
      const at = this.written % this.capacity;
      const n = Math.min(left, this.capacity - at);
      this.buf.set(src.subarray(from * nc, (from + n) * nc), at * nc);
      this.written += n;
      from += n;
      left -= n;
    }
  }

  /**
   * Copies frames `[from, from + frames)` (absolute indices) into `dst`.
   *
   * @param from - absolute index of the first frame, `start ≤ from`
   * @param frames - frames to copy, `from + frames ≤ end`
   * @param dst - destination of at least `dstFrame + frames` frames
   * @param dstFrame - first frame of `dst` to write
   * @throws InputError `E_ARGUMENT` when the range is not held
   */
  read(from: number, frames: number, dst: Float32Array, dstFrame = 0): void {
    checkArg(from >= this.start && from + frames <= this.written, 'from', `a range within [${this.start}, ${this.written})`, from);
    const nc = this.channels;
    let left = frames;
    let out = dstFrame * nc;
    while (left > 0) {
      const at = from % this.capacity;
      const n = Math.min(left, this.capacity - at);
      dst.set(this.buf.subarray(at * nc, (at + n) * nc), out);
      out += n * nc;
      from += n;
      left -= n;
    }
  }

  /** Forgets every frame; indices start again from 0. */
  reset(): void {
    this.written = 0;
  }
}
