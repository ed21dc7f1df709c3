// ECG through the pipeline: R peaks (checked against the cardiologists' beat annotations),
// heart rate, HRV, signal quality, and embeddings with their phase-shift invariance.
import { from, lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  heartRate,
  hrv,
  replay,
  rpeaks,
  rrIntervals,
  signalQuality,
  validate,
  type Encoder,
  type Recording,
  type SampleWindow,
} from 'scl-wear';
import { cycleLength, phaseSimilarity, shiftGrid, cutShifted } from 'scl-wear/scl';
import { modelInput } from 'scl-wear/advanced';
import { WindowRecord } from '../shared/window-record.js';

const all = <T>(s: Observable<T>) => lastValueFrom(s.pipe(toArray()));

/** Matches detected peaks to reference beats within `tolerance` seconds (one to one, in order). */
export function matchBeats(detected: ArrayLike<number>, reference: ArrayLike<number>, tolerance = 0.15) {
  let i = 0;
  let j = 0;
  let tp = 0;
  while (i < detected.length && j < reference.length) {
    const d = detected[i]! - reference[j]!;
    if (Math.abs(d) <= tolerance) {
      tp++;
      i++;
      j++;
    } else if (d < 0) i++;
    else j++;
  }
  return { tp, sensitivity: tp / reference.length, positivePredictivity: tp / detected.length };
}

/** R peaks, heart rate, HRV and quality of one ECG recording. */
export async function ecgSignals(rec: Recording, beats: Float64Array) {
  const peaks = await all(replay(rec).pipe(validate(), rpeaks()));
  const rr = await all(from(peaks).pipe(rrIntervals()));
  const hr = await all(from(rr).pipe(heartRate()));
  // One summary over the whole recording (a rolling one every `step` on live streams).
  const [summary] = await all(from(rr).pipe(hrv({ window: 600, step: 600, minSpan: 30 })));
  const quality = await all(replay(rec).pipe(validate(), signalQuality({ windowSeconds: 10 })));
  const bpm = hr.map((h) => h.smoothedBpm);
  // The annotations start with the record; count beats inside the replayed span only.
  const match = matchBeats(
    peaks.map((p) => p.time),
    beats,
  );
  return {
    peaks: peaks.length,
    reference: beats.length,
    sensitivity: match.sensitivity,
    positivePredictivity: match.positivePredictivity,
    heartRate: { mean: bpm.reduce((s, v) => s + v, 0) / bpm.length, min: Math.min(...bpm), max: Math.max(...bpm) },
    rr: { normal: rr.filter((r) => r.kind === 'normal').length, other: rr.filter((r) => r.kind !== 'normal').length },
    hrv: summary && { sdnn: summary.sdnn, rmssd: summary.rmssd, pnn50: summary.pnn50, meanNn: summary.meanNn },
    quality: {
      windows: quality.length,
      usable: quality.filter((q) => q.usable).length,
      mean: quality.reduce((s, q) => s + q.quality, 0) / quality.length,
    },
    peakTimes: peaks.map((p) => p.time),
  };
}

/**
 * Embeds the recording's windows, then each window again cut later by up to one cardiac cycle
 * (a phase shift), and reports how similar the shifted embeddings stay: the invariant part
 * should barely move, the variant part should.
 */
export async function ecgEmbeddings(rec: Recording, encoder: Encoder, peakTimes: number[], shifts = 5) {
  const { entry } = encoder;
  const hopSeconds = 2;
  // The windows the encoder takes (model rate, band-pass, the manifest's 4.4 s), as `embed(encoder)` cuts them.
  const windows = await all(replay(rec).pipe(validate(), modelInput(entry, { hopSeconds })));
  const base = await encoder.embed(windows);

  // The continuous signal at the model rate, stitched back from the overlapping windows.
  const size = entry.windowSamples;
  const record = new WindowRecord(size, Math.ceil(windows.length / 2) + 2);
  for (const w of windows) record.push(w, Math.round(hopSeconds * entry.sampleRate));
  const offset = record.data.length - record.filled - (windows[0]?.start ?? 0);
  const t0 = windows[0]?.t0 ?? 0;
  const beats = peakTimes.map((t) => Math.round((t - t0) * entry.sampleRate) + offset + (windows[0]?.start ?? 0));

  // Windows with a whole cardiac cycle of signal after them, each with its shifted copies.
  const kept: number[] = [];
  const shifted: SampleWindow[] = [];
  windows.forEach((w, i) => {
    const at = offset + w.start;
    const cycle = cycleLength(beats, at, size, entry.sampleRate);
    if (at + Math.round(cycle) + size > record.data.length) return;
    kept.push(i);
    for (const s of shiftGrid(cycle, shifts)) shifted.push({ ...w, data: cutShifted(record.data, at, s, size) });
  });
  const moved = await encoder.embed(shifted);
  const dim = entry.embedding.dim;
  const flat = (rs: { embedding: Float32Array }[]) => {
    const out = new Float32Array(rs.length * dim);
    rs.forEach((r, i) => out.set(r.embedding, i * dim));
    return out;
  };
  const z = flat(kept.map((i) => base[i]!));
  const zs = flat(moved);
  const part = (r: readonly [number, number]) =>
    phaseSimilarity(z, zs, kept.length, shifts, dim, { offset: r[0], length: r[1] - r[0] }).mean;
  const size_ = (r: readonly [number, number]) => r[1] - r[0];
  return {
    windows: windows.length,
    dims: { inv: size_(entry.embedding.inv), var: size_(entry.embedding.var), free: size_(entry.embedding.free) },
    device: encoder.device,
    phase: { windows: kept.length, shifts, invSimilarity: part(entry.embedding.inv), varSimilarity: part(entry.embedding.var) },
  };
}
