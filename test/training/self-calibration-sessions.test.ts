// The motion figures of the self-calibration analysis: sway is the RMS acceleration about the
// window's mean, and lead points along the horizontal acceleration that follows the vertical one.
import { describe, expect, it } from 'vitest';
import { LEAD_SECONDS, windowMotion } from '../../src/training/self-calibration-sessions.js';

const S = 128;
const RATE = 50;

/** A planar 3-channel window: gravity along `up`, a vertical bounce, and a horizontal one `delay` s later along `ahead`. */
function walkingWindow(up: number[], ahead: number[], delay: number): Float32Array {
  const x = new Float32Array(3 * S);
  for (let t = 0; t < S; t++) {
    const v = 0.2 * Math.sin((2 * Math.PI * 2 * t) / RATE);
    const h = 0.1 * Math.sin(2 * Math.PI * 2 * (t / RATE - delay));
    for (let c = 0; c < 3; c++) x[c * S + t] = up[c]! * (1 + v) + ahead[c]! * h;
  }
  return x;
}

describe('windowMotion', () => {
  const up = [0, 0.6, 0.8];
  const ahead = [1, 0, 0];

  it('points lead along the horizontal acceleration that follows the vertical one', () => {
    const { lead } = windowMotion(walkingWindow(up, ahead, LEAD_SECONDS), 3, S, RATE, up);
    expect(lead[0]).toBeGreaterThan(0.005); // 0.2 × 0.1 / 2 in phase
    expect(Math.abs(lead[1]) + Math.abs(lead[2])).toBeLessThan(1e-3 * lead[0]); // across gravity only
    const reversed = windowMotion(
      walkingWindow(
        up,
        ahead.map((v) => -v),
        LEAD_SECONDS,
      ),
      3,
      S,
      RATE,
      up,
    );
    expect(reversed.lead[0]).toBeCloseTo(-lead[0], 6);
    // Half a step cycle later the horizontal acceleration is opposite: lead turns round.
    const late = windowMotion(walkingWindow(up, ahead, LEAD_SECONDS + 0.25), 3, S, RATE, up);
    expect(late.lead[0]).toBeLessThan(-0.005);
  });

  it('measures sway as the RMS acceleration about the mean, and none at rest', () => {
    const still = new Float32Array(3 * S);
    for (let t = 0; t < S; t++) for (let c = 0; c < 3; c++) still[c * S + t] = up[c]!;
    expect(windowMotion(still, 3, S, RATE, up)).toEqual({ sway: 0, lead: [0, 0, 0] });
    const x = walkingWindow(up, [0, 0, 0], 0);
    // A 2 Hz sine over exactly 5.12 cycles: its RMS is close to amplitude / sqrt(2).
    expect(windowMotion(x, 3, S, RATE, up).sway).toBeCloseTo(0.2 / Math.SQRT2, 2);
  });
});
