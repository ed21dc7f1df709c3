// classify with `placement`: the vertical is learnt from walking, still windows then get a
// posture from their tilt; before that the label is the group.
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/model/classify.js';
import type { Encoder } from '../../src/model/encoder.js';
import { split } from '../streams/helpers.js';
import { buildFixtureModel } from './fixture-model.js';
import { groupedEntry, scriptedEncoder } from './helpers.js';

const m = buildFixtureModel();
const entry = groupedEntry(m);
const W = entry.windowSamples;

/** Encoder that calls windows 1..walking WALKING (or group `gait`) and the others STATIC (class probabilities say STANDING). */
const scripted = (walking: number, model = entry, gait = 0): Encoder =>
  scriptedEncoder(model, (seq) => (seq >= 1 && seq <= walking ? gait : 3));

/** Windows of constant gravity: `dirs[k]` for window k (the device turned arbitrarily, gravity 1 g). */
function recording(dirs: number[][]): Float32Array {
  const x = new Float32Array(dirs.length * W * 6);
  dirs.forEach((d, k) => {
    for (let i = 0; i < W; i++) x.set([d[0]!, d[1]!, d[2]!, 0, 0, 0], (k * W + i) * 6);
  });
  return x;
}

const deg = Math.PI / 180;
const tilted = (a: number) => [0, Math.cos(a * deg), Math.sin(a * deg)]; // vertical is +y in this device

describe('classify with self-calibration', () => {
  it('gives still windows a posture only after 20 s of walking, from their tilt against the walking vertical', async () => {
    const walking = Math.ceil(20 / (W / 50)); // windows needed for 20 s
    const dirs = [tilted(70), ...Array.from({ length: walking }, (_, k) => tilted(k % 2 ? 8 : -8)), tilted(70), tilted(5)];
    const run = (placement: 'pocket' | 'waist') =>
      lastValueFrom(
        from(split(recording(dirs), [W * 3], { rate: 50, channels: entry.channels })).pipe(
          classify(scripted(walking), { placement }),
          toArray(),
        ),
      );
    const out = await run('pocket');
    expect(out).toHaveLength(dirs.length);
    expect([out[0]!.label, out[0]!.calibrated]).toEqual(['STATIC', false]); // before any walking: the group
    expect(out.slice(1, walking).every((r) => !r.calibrated && r.label === 'WALKING')).toBe(true);
    // The walking window that completes 20 s is calibrated.
    expect([out[walking]!.label, out[walking]!.calibrated]).toEqual(['WALKING', true]);
    expect([out[walking + 1]!.label, out[walking + 1]!.calibrated]).toEqual(['SITTING', true]);
    expect(out[walking + 2]!.label).toBe('STANDING');
    // At the waist, 70° is sitting too, and more than 78° is lying.
    expect((await run('waist'))[walking + 1]!.label).toBe('SITTING');
  });

  it('learns the vertical from 20 s of walking up or down stairs when there is no level walking, and not from less', async () => {
    const windows = Math.ceil(20 / (W / 50)); // windows needed for 20 s
    const run = (stairs: number, gait: number) => {
      const dirs = [...Array.from({ length: stairs }, (_, k) => tilted(k % 2 ? 8 : -8)), tilted(70)];
      return lastValueFrom(
        from(split(recording([tilted(5), ...dirs]), [W * 3], { rate: 50, channels: entry.channels })).pipe(
          classify(scripted(stairs, entry, gait), { placement: 'pocket' }),
          toArray(),
        ),
      );
    };
    for (const gait of [1, 2]) {
      const enough = await run(windows, gait);
      expect([enough.at(-1)!.label, enough.at(-1)!.calibrated]).toEqual(['SITTING', true]);
      const short = await run(windows - 1, gait); // 19.2 s
      expect([short.at(-1)!.label, short.at(-1)!.calibrated]).toEqual(['STATIC', false]);
    }
  });

  it("uses the placement's group temperature for the group probabilities", async () => {
    // Probabilities computed at T = 2; the waist temperature is 1, so p ← p² / Σ p².
    const tempered = { ...entry, temperature: { groups: 2, groupsByPlacement: { waist: 1 } } };
    const run = (placement?: 'pocket' | 'waist') =>
      lastValueFrom(
        from(split(recording([tilted(70), tilted(70)]), [W], { rate: 50, channels: entry.channels })).pipe(
          classify(scripted(0, tempered), placement ? { placement } : {}),
          toArray(),
        ),
      );
    const raw = [0.1 / 3, 0.1 / 3, 0.1 / 3, 0.9];
    const squared = raw.map((p) => (p * p) / raw.reduce((a, q) => a + q * q, 0));
    for (const r of await run('waist')) raw.forEach((_, k) => expect(r.groupProbs![k]).toBeCloseTo(squared[k]!, 5));
    for (const placement of ['pocket', undefined] as const)
      for (const r of await run(placement)) raw.forEach((p, k) => expect(r.groupProbs![k]).toBeCloseTo(p, 5));
  });
});
