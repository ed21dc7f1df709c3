// Samples per second through validate -> band-pass -> resample -> slidingWindow on one core,
// for 1-channel ECG at 360 Hz in 1 s batches (MIT-BIH's rate) resampled to 250 Hz and cut into
// 2 s windows every 1 s, next to a naive per-sample RxJS chain doing the same math with one
// `next` per sample, measured in the same run.
import { bufferCount, filter, map, mergeMap, Subject, type Observable } from 'rxjs';
import type { SampleBatch } from '../src/core/batch.js';
import { designBandpass } from '../src/dsp/biquad-design.js';
import { designResampleKernel } from '../src/dsp/resample-kernel.js';
import { iirFilter } from '../src/streams/iir-filter.js';
import { resample } from '../src/streams/resample.js';
import { slidingWindow } from '../src/streams/sliding-window.js';
import { validate } from '../src/streams/validate.js';
import { measureRate, type BenchSuite } from './suite.js';

const IN_RATE = 360;
const OUT_RATE = 250;
const SECONDS = 60; // samples pushed per measured call
const WINDOW = 2 * OUT_RATE;
const HOP = OUT_RATE;

/** One minute of an ECG-like signal: a 1.2 Hz beat train, baseline wander, mains hum, noise. */
function ecgLike(frames: number): Float32Array {
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.05;
  return Float32Array.from({ length: frames }, (_, i) => {
    const t = i / IN_RATE;
    const phase = (t * 1.2) % 1;
    const qrs = Math.exp(-(((phase - 0.3) / 0.012) ** 2)) * 1.5;
    return qrs + 0.3 * Math.sin(2 * Math.PI * 0.25 * t) + 0.05 * Math.sin(2 * Math.PI * 50 * t) + noise();
  });
}

function batchedRun(): () => void {
  const signal = ecgLike(IN_RATE * SECONDS);
  const input = new Subject<SampleBatch>();
  let windows = 0;
  input
    .pipe(validate(), iirFilter({ type: 'bandpass', low: 0.5, high: 40, order: 2 }), resample(OUT_RATE), slidingWindow(WINDOW, HOP))
    .subscribe(() => windows++);
  const channels = [{ name: 'ecg', unit: 'mV' as const }];
  let seq = 0;
  return () => {
    for (let s = 0; s < SECONDS; s++, seq++) {
      const data = signal.subarray(s * IN_RATE, (s + 1) * IN_RATE);
      input.next({ kind: 'ecg', channels, rate: IN_RATE, t0: seq, seq, length: IN_RATE, data });
    }
  };
}

interface Sample {
  readonly t: number;
  readonly v: number;
}

/** The same chain written per sample: one `next` per sample, the same filter and kernel. */
function naiveRun(): () => void {
  const signal = ecgLike(IN_RATE * SECONDS);
  const input = new Subject<Sample>();
  const samples: Sample[] = Array.from(signal, (v, i) => ({ t: i / IN_RATE, v }));
  let offset = 0;
  let windows = 0;
  naiveChain(input).subscribe(() => windows++);
  return () => {
    const base = offset;
    for (const s of samples) input.next({ t: base + s.t, v: s.v });
    offset += SECONDS;
  };
}

function naiveChain(input: Observable<Sample>): Observable<number[]> {
  let lastT = Number.NEGATIVE_INFINITY;
  const sos = designBandpass(0.5, 40, IN_RATE, 2).sections;
  const z = new Float64Array((sos.length / 5) * 2);
  const biquad = (x: number) => {
    for (let k = 0, s = 0; k < sos.length; k += 5, s += 2) {
      const y = sos[k]! * x + z[s]!;
      z[s] = sos[k + 1]! * x - sos[k + 3]! * y + z[s + 1]!;
      z[s + 1] = sos[k + 2]! * x - sos[k + 4]! * y;
      x = y;
    }
    return x;
  };
  // Polyphase resampler, one input sample at a time (same kernel as the batched one).
  const l = OUT_RATE / 10;
  const m = IN_RATE / 10;
  const { table, taps, half } = designResampleKernel(IN_RATE, OUT_RATE, l, l);
  const hist: number[] = new Array<number>(half - 1).fill(0);
  let received = 0;
  let k = 0;
  let phase = 0;
  const resampleOne = (x: number): number[] => {
    hist.push(x);
    received++;
    const out: number[] = [];
    while (k + half <= received - 1) {
      let acc = 0;
      const base = hist.length - (received - (k - half + 1));
      for (let i = 0; i < taps; i++) acc += table[phase * taps + i]! * hist[base + i]!;
      out.push(acc);
      phase += m;
      k += Math.floor(phase / l);
      phase %= l;
    }
    if (hist.length > 4 * taps) hist.splice(0, hist.length - 2 * taps);
    return out;
  };
  return input.pipe(
    filter((s) => {
      const ok = Number.isFinite(s.v) && s.t > lastT;
      lastT = s.t;
      return ok;
    }),
    map((s) => ({ t: s.t, v: biquad(s.v) })),
    mergeMap((s) => resampleOne(s.v)),
    bufferCount(WINDOW, HOP),
  );
}

export const pipeline: BenchSuite = {
  name: 'pipeline',
  summary: `samples/s through validate -> band-pass -> resample ${IN_RATE}->${OUT_RATE} Hz -> slidingWindow, 1-ch ECG in 1 s batches, vs one next() per sample`,
  async run() {
    const samples = IN_RATE * SECONDS;
    const batched = batchedRun();
    const naive = naiveRun();
    // Alternate the two so a busy moment of a shared machine does not favour one of them.
    let samplesPerSec = 0;
    let naiveSamplesPerSec = 0;
    for (let round = 0; round < 6; round++) {
      samplesPerSec = Math.max(samplesPerSec, measureRate(batched, samples, 250, 1));
      naiveSamplesPerSec = Math.max(naiveSamplesPerSec, measureRate(naive, samples, 250, 1));
    }
    return { samplesPerSec, naiveSamplesPerSec, ratioVsNaive: samplesPerSec / naiveSamplesPerSec };
  },
};
