import { checkArg } from '../errors.js';
import { createRng } from './random.js';
import { quaternionToMatrix, randomQuaternion } from './rotation.js';

/** Most rotations an orbit average may use. */
export const MAX_ORBIT_ROTATIONS = 64;

/** Seed of the candidate pool: fixed, so every build and platform averages over the same set. */
const SEED = 20260;
/** Candidate rotations the set is picked from. */
const POOL = 4096;

let table: Float64Array | undefined;

/** Farthest-point picks from a seeded Haar pool, starting at the identity (built once). */
function build(): Float64Array {
  const rng = createRng(SEED);
  const pool = new Float64Array(POOL * 4);
  for (let i = 0; i < POOL; i++) randomQuaternion(rng, pool.subarray(4 * i, 4 * i + 4));
  // closest[i]: largest |q_i · q_chosen| so far (1 = same rotation; q and -q are one rotation).
  const closest = new Float64Array(POOL);
  const out = new Float64Array(MAX_ORBIT_ROTATIONS * 9);
  let pick = [1, 0, 0, 0];
  for (let k = 0; k < MAX_ORBIT_ROTATIONS; k++) {
    quaternionToMatrix(pick, out.subarray(9 * k, 9 * k + 9));
    let far = 0;
    let farDot = Infinity;
    for (let i = 0; i < POOL; i++) {
      const o = 4 * i;
      const d = Math.abs(pool[o]! * pick[0]! + pool[o + 1]! * pick[1]! + pool[o + 2]! * pick[2]! + pool[o + 3]! * pick[3]!);
      if (k === 0 || d > closest[i]!) closest[i] = d;
      if (closest[i]! < farDot) {
        farDot = closest[i]!;
        far = i;
      }
    }
    pick = Array.from(pool.subarray(4 * far, 4 * far + 4));
  }
  return out;
}

/**
 * The fixed set of `k` rotations of an orbit average: the identity first, then rotations
 * picked one by one as far as possible (in angle) from those already chosen, out of a seeded
 * uniform SO(3) pool. Deterministic on every platform; the set for `k` is the first `k` of the
 * set for 64, so a larger `k` only adds rotations. Built once on first use.
 *
 * @param k - number of rotations, an integer 1..64
 * @returns `k × 9` row-major matrix entries (a view of a shared table: do not write to it)
 * @throws InputError `E_ARGUMENT` when `k` is not an integer from 1 to 64
 * @example
 * ```ts
 * import { orbitRotations } from 'scl-wear/dsp';
 * const rs = orbitRotations(8); // Float64Array(72): identity, then 7 well-spread rotations
 * ```
 */
export function orbitRotations(k: number): Float64Array {
  checkOrbitSize(k, 'k');
  table ??= build();
  return table.subarray(0, 9 * k);
}

/**
 * Checks the number of rotations of an orbit average.
 *
 * @param k - the number given
 * @param name - argument name for the message
 * @throws InputError `E_ARGUMENT` when `k` is not an integer from 1 to 64
 */
export function checkOrbitSize(k: number, name: string): void {
  checkArg(Number.isInteger(k) && k >= 1 && k <= MAX_ORBIT_ROTATIONS, name, `an integer from 1 to ${MAX_ORBIT_ROTATIONS}`, k);
}
