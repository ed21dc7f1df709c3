import { FormatError } from '../errors.js';
import type { FrameSource } from './frames.js';

/** What the first pass over a stream finds for the EDF writer. */
export interface EdfPlan {
  /** Physical range per channel. */
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Continuous runs of frames (a gap starts a new one): first frame time (s) and length. */
  readonly segments: { t0: number; frames: number }[];
  /** Data record duration, s, and samples per record. */
  readonly duration: number;
  readonly samples: number;
  /** Data records: every segment in whole records, the last one of each padded. */
  readonly records: number;
  /** Time of the first frame and just after the last, s. */
  readonly t0: number;
  readonly tEnd: number;
}

/** Record duration (s) making samples per record whole, and that count. */
function recordShape(rate: number): { duration: number; samples: number } {
  for (const duration of [1, 2, 5, 10, 0.5, 0.25, 0.2, 0.1]) {
    const samples = rate * duration;
    if (Math.abs(samples - Math.round(samples)) < 1e-9 && Math.round(samples) >= 1) return { duration, samples: Math.round(samples) };
  }
  throw new FormatError(
    'E_UNSUPPORTED',
    `EDF needs a whole number of samples per data record; ${rate} Hz has none for records of 0.1 to 10 s`,
  );
}

/**
 * Whether a chunk starts a new continuous segment: it says so (`gapBefore`) or its first frame
 * is more than half a period away from where the previous chunk ended.
 *
 * @param c - the chunk
 * @param end - time just after the previous frame, s (undefined before the first chunk)
 */
export const startsSegment = (c: { t0: number; rate: number; gapBefore?: number }, end: number | undefined): boolean =>
  end !== undefined && (!!c.gapBefore || Math.abs(c.t0 - end) > 0.5 / c.rate);

/**
 * First pass over a stream for the EDF writer: each channel's range, the continuous segments,
 * and the record layout. Irregular timestamps and non-finite samples cannot be written.
 *
 * @param source - the stream
 * @throws FormatError `E_UNSUPPORTED` naming the time of the first irregular or non-finite
 *   sample, or a rate without a whole number of samples per record
 */
export async function planEdf(source: FrameSource): Promise<EdfPlan> {
  const nc = source.channels.length;
  const { duration, samples } = recordShape(source.rate);
  const min = new Float64Array(nc).fill(Infinity);
  const max = new Float64Array(nc).fill(-Infinity);
  const segments: { t0: number; frames: number }[] = [];
  let end: number | undefined;
  for await (const c of source.chunks()) {
    if (c.timestamps) {
      throw new FormatError(
        'E_UNSUPPORTED',
        `EDF holds regularly sampled signals; stream "${source.stream}" has irregular timestamps at ${c.t0} s (export Parquet or .sclw instead)`,
        { details: { t: c.t0 } },
      );
    }
    if (c.frames === 0) continue;
    if (end === undefined || startsSegment(c, end)) segments.push({ t0: c.t0, frames: 0 });
    segments[segments.length - 1]!.frames += c.frames;
    end = c.t0 + c.frames / c.rate;
    const d = c.data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      const k = i % nc;
      if (!Number.isFinite(v))
        throw new FormatError(
          'E_UNSUPPORTED',
          `EDF cannot hold the non-finite sample ${v} at ${c.t0 + Math.floor(i / nc) / c.rate} s of "${source.stream}"`,
        );
      if (v < min[k]!) min[k] = v;
      if (v > max[k]!) max[k] = v;
    }
  }
  const records = Math.max(
    1,
    segments.reduce((n, s) => n + Math.ceil(s.frames / samples), 0),
  );
  const t0 = segments[0]?.t0 ?? 0;
  return { min, max, segments, duration, samples, records, t0, tEnd: end ?? t0 };
}
