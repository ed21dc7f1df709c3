// Samples per second of the streaming R-peak detector on one core: real ECG (the MIT-BIH
// excerpts in test/fixtures, 60 s) resampled to 130 Hz, the rate of chest straps, fed in 1 s
// batches. Baselines measured in the same run over the same data: a plain copy loop (the
// memory floor) and the detector's band-pass alone through the shared BiquadCascade.
import { fileURLToPath } from 'node:url';
import { BiquadCascade } from '../src/dsp/biquad-cascade.js';
import { designBandpass } from '../src/dsp/biquad-design.js';
import { Resampler } from '../src/dsp/resampler.js';
import { RPeakDetector } from '../src/dsp/rpeak-detector.js';
import { readWfdbRecord } from '../src/io/wfdb.js';
import { measureRate, type BenchSuite } from './suite.js';

const RATE = 130;
const REPEAT = 10; // the 60 s of real ECG, 10 times: 10 minutes per measured call

async function realEcg(rate: number): Promise<Float32Array> {
  const dir = fileURLToPath(new URL('../test/fixtures/mitdb/', import.meta.url));
  const parts: Float32Array[] = [];
  for (const name of ['119a', '232a', '105a']) parts.push((await readWfdbRecord(dir + name)).signals.find((s) => s.name === 'MLII')!.data);
  const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
  const rs = new Resampler(360, rate, 1);
  const head = new Float32Array(rs.outputFrames(joined.length));
  const n = rs.process(joined, joined.length, head);
  const minute = head.subarray(0, n);
  const out = new Float32Array(minute.length * REPEAT);
  for (let k = 0; k < REPEAT; k++) out.set(minute, k * minute.length);
  return out;
}

function detectorRun(x: Float32Array, rate: number): () => void {
  const det = new RPeakDetector(rate);
  const batch = Math.round(rate);
  const out = new Float64Array(det.capacityFor(batch));
  let peaks = 0;
  return () => {
    for (let at = 0; at < x.length; at += batch) peaks += det.process(x.subarray(at, Math.min(x.length, at + batch)), out);
    if (peaks < 0) throw new Error('unreachable');
  };
}

function copyRun(x: Float32Array, rate: number): () => void {
  const batch = Math.round(rate);
  const dst = new Float32Array(batch);
  return () => {
    for (let at = 0; at < x.length; at += batch) {
      const end = Math.min(x.length, at + batch);
      for (let i = at, j = 0; i < end; i++, j++) dst[j] = x[i] as number;
    }
  };
}

function bandpassRun(x: Float32Array, rate: number): () => void {
  const batch = Math.round(rate);
  const filter = new BiquadCascade(designBandpass(5, 15, rate, 2), 1);
  const dst = new Float32Array(batch);
  return () => {
    for (let at = 0; at < x.length; at += batch) filter.process(x.subarray(at, Math.min(x.length, at + batch)), dst);
  };
}

/** `rpeaks` suite: streaming R-peak detection rate, with copy and band-pass baselines. */
export const rpeaksSuite: BenchSuite = {
  name: 'rpeaks',
  summary: 'streaming R-peak detector, real ECG at 130 Hz in 1 s batches, one core (baselines: copy loop, band-pass alone)',
  async run() {
    const x = await realEcg(RATE);
    const x360 = await realEcg(360);
    // Many short rounds (one call of 10 minutes of signal, about 1–2 ms each), best one kept: on
    // a shared machine the best round is the one least disturbed by other processes.
    const rate = (fn: () => void, work: number) => measureRate(fn, work, 2, 300);
    const samplesPerSec = rate(detectorRun(x, RATE), x.length);
    const copySamplesPerSec = rate(copyRun(x, RATE), x.length);
    const bandpassSamplesPerSec = rate(bandpassRun(x, RATE), x.length);
    const samplesPerSec360 = rate(detectorRun(x360, 360), x360.length);
    return {
      samplesPerSec,
      copySamplesPerSec,
      ratioToCopy: samplesPerSec / copySamplesPerSec,
      bandpassSamplesPerSec,
      ratioToBandpass: samplesPerSec / bandpassSamplesPerSec,
      samplesPerSec360,
      chestStraps130HzPerCore: samplesPerSec / RATE,
    };
  },
};
