import type { FrameChunk } from './frames.js';

/**
 * Cuts frames read back from a file (times and interleaved samples) into chunks: a jump of
 * more than 1.5 sample periods starts a new chunk with `gapBefore` set; a chunk whose times
 * are not exactly `t0 + i / rate` keeps them as `timestamps`.
 *
 * @param t - frame times, seconds
 * @param data - interleaved samples, `t.length * nc` values
 * @param nc - channels
 * @param rate - nominal rate, Hz
 * @param prevEnd - time just after the previous frame read, or undefined at the start
 */
export function segmentFrames(t: Float64Array, data: Float32Array, nc: number, rate: number, prevEnd: number | undefined): FrameChunk[] {
  const out: FrameChunk[] = [];
  const period = 1 / rate;
  let start = 0;
  let gap = prevEnd !== undefined && t.length > 0 && t[0]! - prevEnd > 0.5 * period ? t[0]! - prevEnd : undefined;
  const close = (end: number) => {
    if (end <= start) return;
    const t0 = t[start]!;
    let regular = true;
    const tol = 1e-3 * period;
    for (let i = start; i < end && regular; i++) regular = Math.abs(t[i]! - (t0 + (i - start) / rate)) <= tol;
    out.push({
      t0,
      rate,
      frames: end - start,
      data: data.slice(start * nc, end * nc),
      ...(!regular && { timestamps: t.slice(start, end) }),
      ...(gap !== undefined && { gapBefore: gap }),
    });
  };
  for (let i = 1; i < t.length; i++) {
    const dt = t[i]! - t[i - 1]!;
    if (dt > 1.5 * period) {
      close(i);
      start = i;
      gap = dt - period;
    }
  }
  close(t.length);
  return out;
}
