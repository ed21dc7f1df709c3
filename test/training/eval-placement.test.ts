// The group ECE of the cross evaluation with the inferred placement: each window's temperature
// is the pooled one before its session's decision and the inferred placement's after.
import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, softmaxRows } from '../../src/training/calibration-metrics.js';
import { placedEce } from '../../src/training/eval-placement.js';

describe('placedEce', () => {
  const n = 40;
  const logits = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i * 1.7) * 3);
  const y = Array.from({ length: n }, (_, w) => w % 4);
  const ece = (t: number) => Math.round(expectedCalibrationError(softmaxRows(logits, 4, t), 4, y) * 10000) / 100;
  const byPlacement = { waist: 0.5, pocket: 3 };

  it("uses the pooled temperature before a decision and the placement's after", () => {
    expect(placedEce([logits], y, new Int8Array(n).fill(-1), 1.4, byPlacement)).toBeCloseTo(ece(1.4), 9);
    expect(placedEce([logits], y, new Int8Array(n).fill(0), 1.4, byPlacement)).toBeCloseTo(ece(0.5), 9);
    expect(placedEce([logits], y, new Int8Array(n).fill(1), 1.4, byPlacement)).toBeCloseTo(ece(3), 9);
    // Mixed: the pooled temperature for the first half, the pocket's for the rest.
    const at = Int8Array.from({ length: n }, (_, w) => (w < n / 2 ? -1 : 1));
    const probs = softmaxRows(logits, 4, 1.4);
    probs.set(softmaxRows(logits.subarray((n / 2) * 4), 4, 3), (n / 2) * 4);
    expect(placedEce([logits], y, at, 1.4, byPlacement)).toBeCloseTo(Math.round(expectedCalibrationError(probs, 4, y) * 10000) / 100, 9);
    // A placement without its own temperature keeps the pooled one; rotations are averaged.
    expect(placedEce([logits, logits], y, new Int8Array(n).fill(0), 1.4, { pocket: 3 })).toBeCloseTo(ece(1.4), 9);
  });
});
