// Property: any mutation of a session file imports whole or fails with a coded SdkError, leaving nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { from } from 'rxjs';
import { createSession } from '../../src/storage/sessions.js';
import { recordSession } from '../../src/storage/record-session.js';
import { exportSession } from '../../src/storage/export-session.js';
import { importSession } from '../../src/storage/import-session.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { SdkError } from '../../src/errors.js';
import { all, bytesOf, freshDb, imuBatches } from './helpers.js';
import { idbOf } from '../../src/storage/wear-db.js';

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'set32'; at: number; value: number };

function mutate(file: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let out = file.slice();
  for (const m of ms) {
    const at = m.at % Math.max(1, out.length);
    if (m.kind === 'flip') out[at]! ^= 1 << m.bit;
    else if (m.kind === 'cut') out = out.slice(0, at);
    else if (m.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    else if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, m.value, true);
  }
  return out;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 9 }),
  }),
  fc.record({
    kind: fc.constant('set32' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(0, 1, 2, 0xffffffff, 1 << 24, 1 << 30), fc.nat()),
  }),
);

describe('.sclw import under mutation', () => {
  it('imports whole or fails with a coded SdkError, never leaving a partial session', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    await all(from(imuBatches(6, 40)).pipe(recordSession(db, id, { maxChunkFrames: 64 })));
    const file = await bytesOf(exportSession(db, id));
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const tally = { tried: 0, imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        tally.tried++;
        const sessionsBefore = await idbOf(db).count('sessions');
        const chunksBefore = await idbOf(db).count('chunks');
        const copy = await importSession(db, mutate(file, ms), { writeBytes: 1500 }).catch((e: unknown) => e);
        if (copy instanceof Error) {
          expect(copy).toBeInstanceOf(SdkError);
          expect((copy as SdkError).code).toMatch(/^E_[A-Z_]+$/);
          expect(await idbOf(db).count('sessions')).toBe(sessionsBefore);
          expect(await idbOf(db).count('chunks')).toBe(chunksBefore);
          tally.refused++;
        } else {
          const s = copy as Awaited<ReturnType<typeof importSession>>;
          expect(s.status).not.toBe('importing');
          const frames = (await all(replaySession(db, s.id))).reduce((n, b) => n + b.length, 0);
          expect(frames).toBe(Object.values(s.streams).reduce((n, st) => n + st.frames, 0));
          tally.imported++;
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      }),
      { numRuns: 300 },
    );
    expect(tally.imported + tally.refused).toBe(tally.tried);
    expect(tally.refused).toBeGreaterThan(tally.tried / 2);
    console.log(`sclw mutations: ${tally.tried} tried, ${tally.refused} refused with a code, ${tally.imported} imported whole`);
  }, 60_000);
});
