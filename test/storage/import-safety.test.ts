// Session files from outside: all-or-nothing import, strict container checks, any stream name.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { from } from 'rxjs';
import { createSession, getSession, listSessions } from '../../src/storage/sessions.js';
import { recordSession } from '../../src/storage/record-session.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { exportSession, type TransferProgress } from '../../src/storage/export-session.js';
import { importSession } from '../../src/storage/import-session.js';
import { exportSessionCsv } from '../../src/storage/csv.js';
import { recoverSessions } from '../../src/storage/recover.js';
import { FormatError, SdkError } from '../../src/errors.js';
import { encodePreamble, encodeRecord, leBytes, RECORD_CHUNK, RECORD_END } from '../../src/storage/container.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';
import { all, bytesOf, concatData, freshDb, imuBatches } from './helpers.js';

const CH = [{ name: 'x', unit: 'g' }];

/** A hand-built one-channel session file: `chunks` are [t0, frames] of stream `name`. */
function craft(name: string, chunks: [number, number][], version = 1): Uint8Array {
  const header = {
    format: 'scl-wear-session',
    session: { status: 'complete', createdAt: 1 },
    labels: [],
    streams: JSON.parse(`{${JSON.stringify(name)}: ${JSON.stringify({ kind: 'acc', channels: CH, rate: 10 })}}`),
  };
  const parts = [encodePreamble(header)];
  let frames = 0;
  chunks.forEach(([t0, n], seq) => {
    const data = new Float32Array(n).map((_, i) => seq * 100 + i);
    parts.push(encodeRecord(RECORD_CHUNK, { stream: name, seq, t0, frames: n, timestamps: false }, [leBytes(data)]));
    frames += n;
  });
  parts.push(encodeRecord(RECORD_END, { chunks: chunks.length, frames }));
  const out = Uint8Array.from(parts.flatMap((p) => [...p]));
  new DataView(out.buffer).setUint32(8, version, true);
  return out;
}

async function recorded(db: WearDb) {
  const { id } = await createSession(db, { subject: 'S1' });
  const imu = imuBatches(40, 50);
  await all(from(imu).pipe(recordSession(db, id, { maxChunkFrames: 50 })));
  return { id, imu, file: await bytesOf(exportSession(db, id)) };
}

describe('container checks', () => {
  it('rejects container version 0 and chunks whose start time goes backwards, leaving nothing', async () => {
    const db = await freshDb();
    const cases: [Uint8Array, string][] = [
      [craft('acc', [[0, 10]], 0), 'E_UNSUPPORTED'],
      [
        craft('acc', [
          [0, 10],
          [0.5, 10],
        ]),
        'E_PARSE',
      ],
      [
        craft('acc', [
          [5, 10],
          [1, 10],
        ]),
        'E_PARSE',
      ],
      [
        craft('acc', [
          [0, 10],
          [Number.NaN, 10],
        ]),
        'E_PARSE',
      ],
    ];
    for (const [bytes, code] of cases) {
      const err = await importSession(db, bytes).catch((e: unknown) => e);
      expect(err, code).toBeInstanceOf(FormatError);
      expect((err as FormatError).code).toBe(code);
    }
    // Streams declared with an unknown kind, malformed channels or a non-finite rate.
    const header = (stream: unknown) => {
      const h = new TextEncoder().encode(JSON.stringify({ format: 'scl-wear-session', session: {}, labels: [], streams: { s: stream } }));
      const out = new Uint8Array(16 + h.length);
      out.set(new TextEncoder().encode('SCLWSESS'));
      new DataView(out.buffer).setUint32(8, 1, true);
      new DataView(out.buffer).setUint32(12, h.length, true);
      out.set(h, 16);
      return Uint8Array.from([...out, ...encodeRecord(RECORD_END, { chunks: 0, frames: 0 })]);
    };
    for (const stream of [
      { kind: 'xyz', channels: CH, rate: 10 },
      { kind: 'acc', channels: [1], rate: 10 },
      { kind: 'acc', channels: [{ name: 'x' }], rate: 10 },
      // eslint-disable-next-line no-loss-of-precision -- a rate that overflows to Infinity is the case under test
      { kind: 'acc', channels: CH, rate: 1e400 },
      { kind: 'acc', channels: CH, rate: -1 },
    ]) {
      const err = await importSession(db, header(stream)).catch((e: unknown) => e);
      expect(err, JSON.stringify(stream)).toBeInstanceOf(FormatError);
      expect((err as FormatError).code).toBe('E_PARSE');
    }
    expect(await listSessions(db)).toEqual([]);
    expect(await idbOf(db).count('sessions')).toBe(0);
    expect(await idbOf(db).count('chunks')).toBe(0);
    // The same chunks in order import fine.
    expect(
      (
        await importSession(
          db,
          craft('acc', [
            [0, 10],
            [1, 10],
          ]),
        )
      ).streams.acc!.frames,
    ).toBe(20);
  });
});

describe('stream names from the file', () => {
  const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

  it('imports, replays and exports streams named like Object.prototype members without polluting it', async () => {
    const before = protoKeys();
    const names = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype', 'length'),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(names, fc.integer({ min: 1, max: 3 }), async (name, nChunks) => {
        tried++;
        const db = await freshDb();
        const chunks = Array.from({ length: nChunks }, (_, k): [number, number] => [k, 10]);
        const s = await importSession(db, craft(name, chunks));
        expect(s.status).toBe('complete');
        expect(Object.keys(s.streams)).toEqual([name]);
        expect(Object.getOwnPropertyDescriptor(s.streams, name)?.value).toMatchObject({ frames: 10 * nChunks, chunks: nChunks });
        const back = await all(replaySession(db, s.id));
        expect(back.reduce((n, b) => n + b.length, 0)).toBe(10 * nChunks);
        const csv = new TextDecoder().decode(await bytesOf(exportSessionCsv(db, s.id, { stream: name })));
        expect(csv.trim().split('\n').length).toBe(1 + 10 * nChunks);
        const again = await importSession(db, await bytesOf(exportSession(db, s.id)));
        expect(Object.getOwnPropertyDescriptor((await getSession(db, again.id)).streams, name)?.value).toMatchObject({
          frames: 10 * nChunks,
        });
        expect(protoKeys()).toEqual(before);
        db.close();
      }),
      {
        numRuns: 60,
        examples: [
          ['__proto__', 2],
          ['constructor', 1],
          ['toString', 1],
        ],
      },
    );
    expect(tried).toBe(60);
  });

  it('asking for a stream the session lacks is an E_ARGUMENT, also for Object.prototype names', async () => {
    const db = await freshDb();
    const s = await importSession(db, craft('acc', [[0, 10]]));
    for (const name of ['toString', 'constructor', '__proto__', 'nope']) {
      const csvErr = await bytesOf(exportSessionCsv(db, s.id, { stream: name })).catch((e: unknown) => e);
      expect(csvErr, name).toBeInstanceOf(SdkError);
      expect((csvErr as SdkError).code).toBe('E_ARGUMENT');
      const replayErr = await all(replaySession(db, s.id, { streams: [name] })).catch((e: unknown) => e);
      expect(replayErr, name).toBeInstanceOf(SdkError);
      expect((replayErr as SdkError).code).toBe('E_ARGUMENT');
    }
  });
});

describe('import atomicity', () => {
  it('an import cut off midway is invisible while it runs and removed, not recovered, after the page dies', async () => {
    const db = await freshDb();
    const { id, file } = await recorded(db);
    const progress: TransferProgress[] = [];
    let fed = 0;
    // The page closes after half of the file: the source never delivers the rest.
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        if (fed >= file.length / 2) return new Promise<void>(() => {});
        c.enqueue(file.slice(fed, (fed += 997)));
      },
    });
    void importSession(db, source, { writeBytes: 4000, onProgress: (p) => progress.push(p) });
    await vi.waitFor(() => expect(fed).toBeGreaterThanOrEqual(file.length / 2), { timeout: 5000 });
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(2), { timeout: 5000 });
    const staged = progress[0]!.session;
    expect(await idbOf(db).count('chunks', IDBKeyRange.bound([staged], [staged, []]))).toBeGreaterThan(0);
    // While it runs: listing and recovery do not see it.
    expect((await listSessions(db)).map((s) => s.id)).toEqual([id]);
    expect(await listSessions(db, 'recording')).toEqual([]);
    expect(await recoverSessions(db)).toEqual([]);
    expect((await listSessions(db)).map((s) => s.id)).toEqual([id]);

    // A new page: fresh module state (no lock of the dead import), same database.
    vi.resetModules();
    const page = {
      open: (await import('../../src/storage/open.js')).openWearDb,
      recover: (await import('../../src/storage/recover.js')).recoverSessions,
      list: (await import('../../src/storage/sessions.js')).listSessions,
    };
    const db2 = await page.open({ name: db.name });
    expect(await page.recover(db2, { staleMs: 0 })).toEqual([]);
    expect((await page.list(db2)).map((s) => s.id)).toEqual([id]);
    expect(await page.list(db2, 'interrupted')).toEqual([]);
    expect(await idbOf(db2).get('sessions', staged)).toBeUndefined();
    expect(await idbOf(db2).count('chunks', IDBKeyRange.bound([staged], [staged, []]))).toBe(0);
    db2.close();
  });

  it('a completed import appears whole at once', async () => {
    const db = await freshDb();
    const { imu, file } = await recorded(db);
    const seenStatuses: string[] = [];
    const copy = await importSession(db, file, {
      writeBytes: 4000,
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the status is read while the import goes on
      onProgress: async (p) => {
        if (p.status === 'importing') seenStatuses.push((await getSession(db, p.session)).status);
      },
    });
    expect(copy.status).toBe('complete');
    expect(concatData(await all(replaySession(db, copy.id)))).toEqual(concatData(imu));
    expect(new Set(seenStatuses)).not.toContain('recording');
  });
});
