import { createRng } from '../../src/core/random.js';

/** Samples per channel of the test windows. */
export const S = 128;

/** A walking-like window: gravity plus a tilt on acc, a swing on the gyro, per channel a different phase. */
export function moving(seed: number): Float32Array {
  const rng = createRng(seed);
  const g = [0.2, -0.3, 0.93];
  const x = new Float32Array(6 * S);
  for (let c = 0; c < 6; c++) {
    const phase = 2 * Math.PI * rng.next();
    const amp = c < 3 ? 0.3 : 1.2;
    for (let t = 0; t < S; t++)
      x[c * S + t] = (c < 3 ? g[c]! : 0.05) + amp * Math.sin((2 * Math.PI * 1.8 * t) / 50 + phase) + 0.05 * rng.normal();
  }
  return x;
}
