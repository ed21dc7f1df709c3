import { linearProbe } from '../scl/probe.js';

/**
 * Rows to fit a probe on: those of even-numbered groups (records, subjects); the others are
 * scored. With a single group, alternate rows instead.
 *
 * @param groupOfRow - group of each row
 * @internal
 */
export function groupSplit(groupOfRow: ArrayLike<number>): Uint8Array {
  const t = Uint8Array.from(groupOfRow, (r) => (r % 2 === 0 ? 1 : 0));
  if (t.every((v) => v === t[0])) t.forEach((_, i) => (t[i] = i % 2));
  return t;
}

/**
 * Linear probe for classes with a balanced score: one-vs-rest ridge regression on one-hot
 * targets fitted on the rows of even-numbered groups, arg-max prediction on the others, mean
 * recall over the classes present among the scored rows.
 *
 * @param features - `[rows, dim]` row-major
 * @param dim - features per row
 * @param labels - class per row, 0 … classes − 1
 * @param groups - group per row (record or subject: the split is by group)
 * @param classes - number of classes
 * @internal
 */
export function balancedProbe(
  features: Float32Array,
  dim: number,
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
  classes: number,
): number {
  const rows = labels.length;
  const isTrain = groupSplit(groups);
  const onehot = new Float64Array(rows * classes);
  for (let i = 0; i < rows; i++) onehot[i * classes + (labels[i] as number)] = 1;
  const { weights } = linearProbe({ features, rows, dim, isTrain }, onehot, classes);
  const hit = new Float64Array(classes);
  const tot = new Float64Array(classes);
  for (let i = 0; i < rows; i++) {
    if (isTrain[i]) continue;
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < classes; c++) {
      let v = weights[dim * classes + c]!;
      for (let j = 0; j < dim; j++) v += features[i * dim + j]! * weights[j * classes + c]!;
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    const y = labels[i] as number;
    tot[y]!++;
    if (best === y) hit[y]!++;
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    if (tot[c]! > 0) {
      sum += hit[c]! / tot[c]!;
      present++;
    }
  }
  return sum / present;
}
