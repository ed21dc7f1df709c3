// Loads the real ECG excerpts of test/fixtures/mitdb (MLII in mV) with their reference beats.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isBeatSymbol } from '../../src/io/wfdb-annotations.js';
import { readWfdbRecord } from '../../src/io/wfdb.js';
import { Resampler } from '../../src/dsp/resampler.js';

const dir = fileURLToPath(new URL('../fixtures/mitdb/', import.meta.url));

export interface Excerpt {
  readonly x: Float32Array;
  readonly rate: number;
  /** Reference beat positions in samples of `x`. */
  readonly beats: number[];
  readonly symbols: string[];
}

/** `name` is 119a, 232a or 105a (20 s each, 360 Hz). */
export async function excerpt(name: string): Promise<Excerpt> {
  const rec = await readWfdbRecord(dir + name);
  const x = rec.signals.find((s) => s.name === 'MLII')!.data;
  const ann = JSON.parse(readFileSync(`${dir}${name}.ann.json`, 'utf8')) as { annotations: { sample: number; symbol: string }[] };
  const beats = ann.annotations.filter((a) => isBeatSymbol(a.symbol));
  return { x, rate: rec.rate, beats: beats.map((a) => a.sample), symbols: beats.map((a) => a.symbol) };
}

/** The excerpt resampled to `rate` (beat positions scaled). */
export function resampled(e: Excerpt, rate: number): Excerpt {
  const rs = new Resampler(e.rate, rate, 1);
  const head = new Float32Array(rs.outputFrames(e.x.length));
  const n = rs.process(e.x, e.x.length, head);
  const tail = new Float32Array(rs.flushFrames());
  const m = rs.flush(tail);
  const x = new Float32Array(n + m);
  x.set(head.subarray(0, n));
  x.set(tail.subarray(0, m), n);
  return { x, rate, beats: e.beats.map((b) => (b * rate) / e.rate), symbols: e.symbols };
}

/** Distance from each reference beat to the nearest detection, in samples. */
export function nearest(beats: readonly number[], peaks: ArrayLike<number>): number[] {
  return beats.map((b) => Math.min(...Array.from(peaks, (p) => Math.abs(p - b))));
}
