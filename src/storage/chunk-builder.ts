import { InputError } from '../errors.js';
import { batchEnd, type ChannelInfo, type SampleBatch, type SensorKind } from '../core/batch.js';
import type { ChunkRecord } from './schema.js';

/** A chunk ready to be written: a {@link ChunkRecord} before it is given its session. */
export type PendingChunk = Omit<ChunkRecord, 'session'>;

interface StreamState {
  readonly kind: SensorKind;
  readonly channels: readonly ChannelInfo[];
  readonly rate: number;
  seq: number;
  /** Expected time of the next frame, seconds (NaN before the first batch). */
  next: number;
  /** Open chunk: frames so far, first time, gap, whether it carries timestamps. */
  frames: number;
  t0: number;
  gapBefore: number | undefined;
  timed: boolean;
  scratch: Float32Array;
  times: Float64Array;
}

const sameChannels = (a: readonly ChannelInfo[], b: readonly ChannelInfo[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.unit === b[i]!.unit);

/**
 * Gathers batches of several streams into chunks of at most `maxFrames` frames. A batch
 * continues the open chunk of its stream when it follows it in time (within half a sample
 * period) and has no gap marker; otherwise a new chunk starts, so replaying the chunks gives
 * every sample back with its time. Allocates only when a chunk is closed (one exact-length copy).
 */
export class ChunkBuilder {
  private readonly streams = new Map<string, StreamState>();
  private closed: PendingChunk[] = [];
  private closedValues = 0;

  /** @param maxFrames - largest chunk, frames */
  constructor(private readonly maxFrames: number) {}

  /** Values (frames × channels) buffered and not yet drained. */
  get pendingValues(): number {
    let n = this.closedValues;
    for (const s of this.streams.values()) n += s.frames * s.channels.length;
    return n;
  }

  /**
   * Adds a batch to its stream.
   *
   * @param stream - stream name
   * @param b - the batch
   * @param firstSeq - chunk number to start from when the stream is new
   * @throws InputError `E_SHAPE` when channels change, `E_RATE` when the rate changes,
   *   `E_NON_MONOTONIC` when the batch starts before the end of the previous one
   */
  push(stream: string, b: SampleBatch, firstSeq = 0): void {
    let s = this.streams.get(stream);
    if (!s) {
      const nc = b.channels.length;
      s = {
        kind: b.kind,
        channels: b.channels,
        rate: b.rate,
        seq: firstSeq,
        next: Number.NaN,
        frames: 0,
        t0: 0,
        gapBefore: undefined,
        timed: false,
        scratch: new Float32Array(Math.min(this.maxFrames, Math.max(b.length, 64)) * nc),
        times: new Float64Array(0),
      };
      this.streams.set(stream, s);
    } else if (!sameChannels(s.channels, b.channels)) {
      throw new InputError('E_SHAPE', `stream "${stream}" changed channels; record it under another stream name`, { details: { stream } });
    } else if (b.rate !== s.rate) {
      throw new InputError('E_RATE', `stream "${stream}" changed rate from ${s.rate} to ${b.rate} Hz`, { details: { stream } });
    }
    if (b.length === 0) return;
    const first = b.timestamps ? b.timestamps[0]! : b.t0;
    const half = 0.5 / s.rate;
    if (first < s.next - half) {
      throw new InputError('E_NON_MONOTONIC', `stream "${stream}" batch ${b.seq} starts at ${first} s, before ${s.next} s`, {
        details: { stream, seq: b.seq },
      });
    }
    const contiguous = Math.abs(first - s.next) <= half && !b.gapBefore && !!b.timestamps === s.timed;
    if (s.frames > 0 && !contiguous) this.close(stream, s);
    let done = 0;
    while (done < b.length) {
      if (s.frames === this.maxFrames) this.close(stream, s);
      if (s.frames === 0) {
        s.t0 = b.timestamps ? b.timestamps[done]! : b.t0 + done / b.rate;
        s.gapBefore = done === 0 && b.gapBefore ? b.gapBefore : undefined;
        s.timed = !!b.timestamps;
      }
      const n = Math.min(b.length - done, this.maxFrames - s.frames);
      this.append(s, b, done, n);
      done += n;
    }
    s.next = batchEnd(b);
  }

  /** Closes every open chunk and hands over all closed chunks, oldest first. */
  drain(): PendingChunk[] {
    for (const [name, s] of this.streams) if (s.frames > 0) this.close(name, s);
    const out = this.closed;
    this.closed = [];
    this.closedValues = 0;
    return out;
  }

  private append(s: StreamState, b: SampleBatch, from: number, n: number): void {
    const nc = s.channels.length;
    const need = (s.frames + n) * nc;
    if (s.scratch.length < need) {
      const grown = new Float32Array(Math.min(this.maxFrames * nc, Math.max(need, s.scratch.length * 2)));
      grown.set(s.scratch.subarray(0, s.frames * nc));
      s.scratch = grown;
    }
    s.scratch.set(b.data.subarray(from * nc, (from + n) * nc), s.frames * nc);
    if (b.timestamps) {
      if (s.times.length < s.frames + n) {
        const grown = new Float64Array(Math.min(this.maxFrames, Math.max(s.frames + n, s.times.length * 2)));
        grown.set(s.times.subarray(0, s.frames));
        s.times = grown;
      }
      s.times.set(b.timestamps.subarray(from, from + n), s.frames);
    }
    s.frames += n;
  }

  private close(stream: string, s: StreamState): void {
    const nc = s.channels.length;
    const chunk: PendingChunk = {
      stream,
      seq: s.seq++,
      kind: s.kind,
      channels: s.channels,
      rate: s.rate,
      t0: s.t0,
      frames: s.frames,
      data: s.scratch.slice(0, s.frames * nc),
      ...(s.timed && { timestamps: s.times.slice(0, s.frames) }),
      ...(s.gapBefore !== undefined && { gapBefore: s.gapBefore }),
    };
    this.closed.push(chunk);
    this.closedValues += s.frames * nc;
    s.frames = 0;
    s.gapBefore = undefined;
  }
}
