// classify with placement 'auto': the placement is inferred from real walking (test/fixtures/
// placement); before the decision the pooled group temperature and no posture, afterwards the
// inferred placement's temperature and posture rule, named in each result.
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/model/classify.js';
import type { ModelEntry } from '../../src/model/manifest.js';
import { PLACEMENT_RULE } from '../../src/model/placement.js';
import { split } from '../streams/helpers.js';
import { buildFixtureModel } from './fixture-model.js';
import { groupedEntry, scriptedEncoder, walkingFixture } from './helpers.js';

const m = buildFixtureModel();
// Probabilities come at T = 2; at the waist T = 1 squares them, in a pocket T = 4 takes their square root.
const entry: ModelEntry = { ...groupedEntry(m), temperature: { groups: 2, groupsByPlacement: { waist: 1, pocket: 4 } } };
const W = entry.windowSamples;
const WALK = Math.floor(walkingFixture('ucihar-s2-walking-waist').length / 3 / W); // 9 windows, 23 s
const deg = Math.PI / 180;

/** The fixture's walking windows (acc, zero gyro), then still windows of gravity `tiltDeg` away from the walking mean. */
function recording(name: Parameters<typeof walkingFixture>[0], tiltDeg: number, still = 2): Float32Array {
  const acc = walkingFixture(name);
  const mean = [0, 0, 0];
  for (let t = 0; t < WALK * W; t++) for (let c = 0; c < 3; c++) mean[c]! += acc[t * 3 + c]!;
  const n = Math.hypot(mean[0]!, mean[1]!, mean[2]!);
  const up = mean.map((v) => v / n);
  const side = [up[1]!, -up[0]!, 0].map((v) => v / Math.hypot(up[0]!, up[1]!)); // perpendicular to up
  const g = up.map((v, c) => Math.cos(tiltDeg * deg) * v + Math.sin(tiltDeg * deg) * side[c]!);
  const x = new Float32Array((WALK + still) * W * 6);
  for (let t = 0; t < WALK * W; t++) x.set(acc.subarray(t * 3, t * 3 + 3), t * 6);
  for (let t = WALK * W; t < (WALK + still) * W; t++) x.set(g, t * 6);
  return x;
}

const run = (x: Float32Array, options: Parameters<typeof classify>[1]) =>
  lastValueFrom(
    from(split(x, [W * 2], { rate: 50, channels: entry.channels })).pipe(
      classify(
        scriptedEncoder(entry, (seq) => (seq < WALK ? 0 : 3)),
        options,
      ),
      toArray(),
    ),
  );

describe("classify with placement: 'auto'", () => {
  const raw = [0.9, 0.1 / 3, 0.1 / 3, 0.1 / 3];
  const tempered = (power: number) => raw.map((p) => p ** power / raw.reduce((a, q) => a + q ** power, 0));
  const decided = Math.ceil(PLACEMENT_RULE.walkingSeconds / (W / 50)) - 1; // index of the window completing the walking needed

  for (const [name, want, power, posture] of [
    ['motionsense-s3-walking-pocket', 'pocket', 0.5, 'STANDING'],
    ['ucihar-s2-walking-waist', 'waist', 2, 'SITTING'],
  ] as const)
    it(`infers '${want}' from the walking, then uses its temperature and posture rule (30° from the vertical: ${posture})`, async () => {
      const out = await run(recording(name, 30), { placement: 'auto' });
      expect(out).toHaveLength(WALK + 2);
      for (const r of out.slice(0, decided)) {
        expect(r.placement).toBeUndefined();
        expect(r.calibrated).toBe(false);
        raw.forEach((p, k) => expect(r.groupProbs![k]).toBeCloseTo(p, 5)); // the pooled temperature
      }
      for (const r of out.slice(decided, WALK)) {
        expect(r.placement).toBe(want);
        tempered(power).forEach((p, k) => expect(r.groupProbs![k]).toBeCloseTo(p, 5));
      }
      for (const r of out.slice(WALK)) expect([r.label, r.calibrated, r.placement]).toEqual([posture, true, want]);
      // With the placement given, the same windows once it is decided.
      const given = await run(recording(name, 30), { placement: want });
      expect(given.slice(decided).map((r) => [r.label, r.calibrated, r.placement])).toEqual(
        out.slice(decided).map((r) => [r.label, r.calibrated, r.placement]),
      );
      expect(given[0]!.placement).toBe(want);
    });

  it('decides nothing without enough walking: no placement, no posture', async () => {
    const x = recording('motionsense-s3-walking-pocket', 30).subarray((WALK - decided + 1) * W * 6); // decided - 1 walking windows left
    const out = await lastValueFrom(
      from(split(x, [W], { rate: 50, channels: entry.channels })).pipe(
        classify(
          scriptedEncoder(entry, (seq) => (seq < decided - 1 ? 0 : 3)),
          { placement: 'auto' },
        ),
        toArray(),
      ),
    );
    expect(out.every((r) => r.placement === undefined && !r.calibrated && r.label === r.group)).toBe(true);
  });

  it('rejects a placement it does not know, and auto for a model without a group head, with E_ARGUMENT', () => {
    const encoder = scriptedEncoder(entry, () => 0);
    expect(() => classify(encoder, { placement: 'wrist' as 'auto' })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    const plain = { ...encoder, entry: { ...m.entry, classes: entry.classes } };
    expect(() => classify(plain, { placement: 'auto' })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => classify(encoder, { placement: 'auto', orientation: [1, 0, 0, 0, 1, 0, 0, 0, 1] })).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
  });
});
