import { checkArg } from '../errors.js';

/**
 * A seeded pseudo-random generator: the same seed gives the same sequence on every platform.
 *
 * @example
 * ```ts
 * import { createRng, type Rng } from 'scl-wear/dsp';
 * const rng: Rng = createRng(7);
 * const noise = Float32Array.from({ length: 100 }, () => 0.01 * rng.normal());
 * const pick = rng.int(10); // 0..9
 * ```
 */
export interface Rng {
  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** A standard normal number (mean 0, variance 1). */
  normal(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * Creates a seeded generator (sfc32, a small-state generator that passes PractRand to
 * 2^40 bytes), so transforms and training runs are reproducible.
 *
 * @param seed - any finite number; its 32-bit integer part seeds the state
 * @throws InputError `E_ARGUMENT` when the seed is not finite
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * const rng = createRng(42);
 * const u = rng.next(); // same value on every run
 * ```
 */
export function createRng(seed: number): Rng {
  checkArg(Number.isFinite(seed), 'seed', 'a finite number', seed);
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) step();
  let spare = NaN;
  const next = () => step() / 4294967296;
  return {
    next,
    normal() {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = NaN;
        return s;
      }
      // Box-Muller; 1 - u keeps the logarithm finite.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const phi = 2 * Math.PI * next();
      spare = r * Math.sin(phi);
      return r * Math.cos(phi);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
  };
}
