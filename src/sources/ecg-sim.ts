import { checkArg } from '../errors.js';
import { createRng } from '../core/random.js';
import { createRecording, type Recording } from './recording.js';
import { beatTimes, rrTachogram } from './rr-process.js';
import { integrateEcgMorphology, waveParameters } from './ecg-morphology.js';

/**
 * Options of {@link simulateEcg}.
 *
 * @example
 * ```ts
 * import { simulateEcg, type EcgSimOptions } from 'scl-wear';
 * const options: EcgSimOptions = { seconds: 60, rate: 500, heartRate: 80, noise: 0.05, powerLine: 0.1, seed: 7 };
 * const { recording } = simulateEcg(options);
 * ```
 */
export interface EcgSimOptions {
  /** Duration in seconds. */
  seconds: number;
  /** Output sample rate in Hz (default 250). */
  rate?: number;
  /** Mean heart rate in beats per minute (default 60). */
  heartRate?: number;
  /** Standard deviation of the heart rate in bpm (heart-rate variability; default 1). */
  heartRateStd?: number;
  /** LF/HF power ratio of the RR process (default 0.5). */
  lfHfRatio?: number;
  /** Respiratory rate in Hz: the HF band of the RR process and the baseline wander (default 0.25). */
  respirationHz?: number;
  /** Amplitude of the respiratory baseline wander in mV (default 0.1). */
  baselineWander?: number;
  /** Standard deviation of white measurement noise in mV (default 0.02). */
  noise?: number;
  /** Amplitude of mains interference in mV (default 0). */
  powerLine?: number;
  /** Mains frequency in Hz (default 50). */
  powerLineHz?: number;
  /** Seed of the generator (default 0): the same options and seed give the same signal. */
  seed?: number;
}

/**
 * Result of {@link simulateEcg}.
 *
 * @example
 * ```ts
 * import { simulateEcg, type EcgSimulation } from 'scl-wear';
 * const sim: EcgSimulation = simulateEcg({ seconds: 10, seed: 1 });
 * console.log(sim.recording.rate, sim.rPeaks[0]); // 250 Hz, first R peak in s
 * ```
 */
export interface EcgSimulation {
  /** One `ecg` stream in mV at the requested rate. */
  readonly recording: Recording;
  /** True R-peak times in seconds from the start of the recording. */
  readonly rPeaks: Float64Array;
}

const WARMUP_S = 4;

/**
 * Simulates an ECG with the dynamical model of McSharry et al. (2003, "ECGSYN"): a point
 * circling a limit cycle whose phase drives Gaussian P, Q, R, S and T waves, with beat-to-beat
 * RR intervals from a process with a low-frequency (0.1 Hz) and a respiratory (HF) band. Wave
 * widths and positions scale with the mean heart rate as in ECGSYN. The clean signal is scaled
 * to -0.4..1.2 mV per beat at the mean rate, then respiratory baseline wander, white noise and
 * optional mains interference are added. Deterministic for a given seed and options; runs of
 * up to 1,000 s with one seed are prefixes of each other.
 *
 * @param options - duration (s), rate (Hz), heart rate (bpm) and variability, noise (mV), seed
 * @returns the recording and the true R-peak times (s)
 * @throws InputError `E_ARGUMENT` for a non-positive duration or rate, or a heart rate outside 20..250 bpm
 * @example
 * ```ts
 * import { simulateEcg } from 'scl-wear';
 * const { recording, rPeaks } = simulateEcg({ seconds: 30, rate: 250, heartRate: 72, seed: 3 });
 * console.log(recording.length, rPeaks.length); // 7500 frames, about 36 beats
 * ```
 */
export function simulateEcg(options: EcgSimOptions): EcgSimulation {
  const { seconds, rate = 250, heartRate = 60, heartRateStd = 1, lfHfRatio = 0.5, respirationHz = 0.25 } = options;
  checkArg(Number.isFinite(seconds) && seconds > 0, 'seconds', 'a positive number of seconds', seconds);
  checkArg(Number.isFinite(rate) && rate > 0, 'rate', 'a positive number of Hz', rate);
  checkArg(heartRate >= 20 && heartRate <= 250, 'heartRate', 'a heart rate from 20 to 250 bpm', heartRate);
  checkArg(heartRateStd >= 0 && lfHfRatio >= 0, 'heartRateStd', 'non-negative (and lfHfRatio too)', heartRateStd);
  const rng = createRng(options.seed ?? 0);
  const meanRr = 60 / heartRate;
  const rr = rrTachogram(
    rng,
    { meanRr, stdRr: (60 * heartRateStd) / (heartRate * heartRate), lfHfRatio, hfHz: respirationHz },
    seconds + WARMUP_S + 2,
  );
  const start = -WARMUP_S - rng.next() * meanRr;
  const beats = beatTimes(rr, start, seconds);

  const length = Math.floor(seconds * rate);
  const waves = waveParameters(heartRate);
  const data = integrateEcgMorphology(beats, waves, start, length, rate);
  const [lo, hi] = beatRange(waves, meanRr, rate);
  const scale = 1.6 / (hi - lo);

  const wander = options.baselineWander ?? 0.1;
  const noise = options.noise ?? 0.02;
  const mains = options.powerLine ?? 0;
  const mainsHz = options.powerLineHz ?? 50;
  const wanderPhase = 2 * Math.PI * rng.next();
  const mainsPhase = 2 * Math.PI * rng.next();
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    let v = ((data[i] as number) - lo) * scale - 0.4;
    if (wander) v += wander * Math.sin(2 * Math.PI * respirationHz * t + wanderPhase);
    if (mains) v += mains * Math.sin(2 * Math.PI * mainsHz * t + mainsPhase);
    if (noise) v += noise * rng.normal();
    data[i] = v;
  }
  let first = 0;
  while (first < beats.length && (beats[first] as number) < 0) first++;
  let last = first;
  while (last < beats.length && (beats[last] as number) < length / rate) last++;
  return {
    recording: createRecording({ rate, streams: [{ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], data }] }),
    rPeaks: beats.slice(first, last),
  };
}

/** Minimum and maximum of the model's clean signal over a steady beat at `rr` seconds. */
function beatRange(waves: ReturnType<typeof waveParameters>, rr: number, rate: number): [number, number] {
  const beats = Float64Array.from({ length: 6 }, (_, k) => k * rr);
  const z = integrateEcgMorphology(beats, waves, 0, Math.ceil(5 * rr * rate), rate);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = Math.floor(3 * rr * rate); i < z.length; i++) {
    lo = Math.min(lo, z[i] as number);
    hi = Math.max(hi, z[i] as number);
  }
  return [lo, hi];
}
