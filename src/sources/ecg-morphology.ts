/** Angles (rad), amplitudes and widths (rad) of the P, Q, R, S and T waves of the ECGSYN model. */
export interface WaveParameters {
  readonly theta: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/**
 * Wave parameters of McSharry et al. (2003), Table 1, adjusted to the mean heart rate as
 * ECGSYN does (widths × √(HR/60); P, Q and S angles × (HR/60)^¼ or ^½).
 *
 * @param heartRate - mean heart rate in bpm
 */
export function waveParameters(heartRate: number): WaveParameters {
  const f = Math.sqrt(heartRate / 60);
  const f2 = Math.sqrt(f);
  const p = Math.PI;
  return {
    theta: Float64Array.from([(-p / 3) * f2, (-p / 12) * f, 0, (p / 12) * f, p / 2]),
    a: Float64Array.from([1.2, -5, 30, -7.5, 0.75]),
    b: Float64Array.from([0.25, 0.1, 0.1, 0.1, 0.4].map((v) => v * f)),
  };
}

const TWO_PI = 2 * Math.PI;

/**
 * Integrates the z equation of the model, `dz/dt = -Σ aᵢ Δθᵢ exp(-Δθᵢ² / 2bᵢ²) - z`, with the
 * phase θ advancing linearly from 0 at each beat onset to 2π at the next (the limit cycle of
 * the (x, y) oscillator, on which the trajectory stays), by 4th-order Runge-Kutta at a step of
 * at most 1 ms, and samples z at `rate`.
 *
 * @param beats - beat onsets (s), increasing; the first at or before `start`, the last after the end
 * @param waves - wave parameters
 * @param start - time (s) integration starts from z = 0, at or before 0
 * @param length - number of output samples, at times `i / rate` s
 * @param rate - output rate in Hz
 * @returns raw model output (arbitrary units), `length` samples
 */
export function integrateEcgMorphology(
  beats: Float64Array,
  waves: WaveParameters,
  start: number,
  length: number,
  rate: number,
): Float32Array {
  const out = new Float32Array(length);
  const q = Math.max(1, Math.ceil(1000 / rate));
  const h = 1 / (rate * q);
  let k = 0;
  const drive = (t: number): number => {
    while (k + 2 < beats.length && t >= (beats[k + 1] as number)) k++;
    const t0 = beats[k] as number;
    let theta = (TWO_PI * (t - t0)) / ((beats[k + 1] as number) - t0);
    if (theta > Math.PI) theta -= TWO_PI;
    let dz = 0;
    for (let i = 0; i < 5; i++) {
      let d = theta - (waves.theta[i] as number);
      if (d > Math.PI) d -= TWO_PI;
      else if (d < -Math.PI) d += TWO_PI;
      const b = waves.b[i] as number;
      dz -= (waves.a[i] as number) * d * Math.exp((-d * d) / (2 * b * b));
    }
    return dz;
  };
  let z = 0;
  // Warm up from `start` to the first output sample, then q steps per output sample.
  const warmSteps = Math.max(0, Math.round(-start / h));
  for (let s = 0; s < warmSteps; s++) z = rk4(z, (s - warmSteps) * h, h, drive);
  for (let i = 0; i < length; i++) {
    out[i] = z;
    const ti = i / rate;
    for (let s = 0; s < q; s++) z = rk4(z, ti + s * h, h, drive);
  }
  return out;
}

function rk4(z: number, t: number, h: number, drive: (t: number) => number): number {
  const k1 = drive(t) - z;
  const fMid = drive(t + h / 2);
  const k2 = fMid - (z + (h / 2) * k1);
  const k3 = fMid - (z + (h / 2) * k2);
  const k4 = drive(t + h) - (z + h * k3);
  return z + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
}
