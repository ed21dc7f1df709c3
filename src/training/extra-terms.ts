import * as tf from '@tensorflow/tfjs';
import { consistencyTerm } from './consistency-term.js';
import { decorrelationTerm, gravityTerm, phaseTerm, readoutTerm } from './equivariance-terms.js';
import type { NetworkOutputs } from './forward.js';
import type { NetworkParams, NetworkSpec } from './networks.js';

/** What of a training batch our terms read (a `TrainBatch` has these fields). */
export interface TermTargets {
  readonly x2?: Float32Array;
  readonly phase?: Float32Array;
  readonly phaseMask?: Float32Array;
  readonly gravity1?: Float32Array;
  readonly gravity2?: Float32Array;
}

/** Weights of our terms, 0 or absent: off (the fields of `TrainOptions` of the same names). */
export interface TermWeights {
  readonly phase?: number;
  readonly equi?: number;
  readonly consist?: number;
  readonly decor?: number;
  readonly readout?: number;
}

/**
 * The weighted sum of our loss terms that a training step adds to task + group + λ · SCL: the
 * cardiac-phase term (`phase`), gravity equivariance (`equi`), group consistency between the two
 * views (`consist`), and the two terms keeping the equivariance target out of z_inv (`decor`
 * for the phase or gravity, `readout` for gravity). Terms whose weight is 0 or absent, or whose
 * targets the batch lacks, add nothing. Call inside the step's gradient function.
 *
 * @param spec - the architecture
 * @param params - its weights (the `equi.*` readout of the gravity term among them)
 * @param out - the network's outputs on `[x1; x2]` (x1 rows first)
 * @param b - the batch
 * @param o - the weights of the terms
 */
export function extraTerms(spec: NetworkSpec, params: NetworkParams, out: NetworkOutputs, b: TermTargets, o: TermWeights): tf.Scalar {
  let loss = tf.scalar(0);
  const { dims } = spec;
  if (o.phase && b.phase && b.phaseMask && dims.var >= 2) loss = loss.add(phaseTerm(out.z, b.phase, b.phaseMask, dims).mul(o.phase));
  const gravity = b.gravity1 && (b.x2 && b.gravity2 ? new Float32Array([...b.gravity1, ...b.gravity2]) : b.gravity1);
  if (o.equi && dims.var > 0 && gravity) loss = loss.add(gravityTerm(out.z, gravity, params, dims).mul(o.equi));
  if (o.consist && out.groupLogits && b.x2) {
    const n = out.groupLogits.shape[0] / 2;
    const logits = out.groupLogits;
    loss = loss.add(consistencyTerm(logits.slice([0, 0], [n, -1]), logits.slice([n, 0], [n, -1])).mul(o.consist));
  }
  const rowsOf = (rows: number) => out.z.slice([0, 0], [rows, -1]);
  if (o.decor && dims.inv > 0) {
    if (b.phase && b.phaseMask) {
      const rows = b.phaseMask.length;
      loss = loss.add(decorrelationTerm(rowsOf(rows), tf.tensor2d(b.phase, [rows, 2]), dims, b.phaseMask).mul(o.decor));
    } else if (gravity) {
      const rows = gravity.length / 3;
      loss = loss.add(decorrelationTerm(rowsOf(rows), tf.tensor2d(gravity, [rows, 3]), dims).mul(o.decor));
    }
  }
  if (o.readout && dims.inv > 0 && gravity && !b.phase)
    loss = loss.add(readoutTerm(out.z, tf.tensor2d(gravity, [gravity.length / 3, 3]), dims).mul(o.readout));
  return loss;
}
