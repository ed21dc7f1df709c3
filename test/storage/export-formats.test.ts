// Stored sessions out to Parquet and EDF+ and back in, through IndexedDB.
import { describe, expect, it } from 'vitest';
import { getSession } from '../../src/storage/sessions.js';
import { listLabels } from '../../src/storage/labels.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { exportSession } from '../../src/storage/export-session.js';
import { exportSessionEdf, exportSessionParquet, importFrames } from '../../src/storage/export-formats.js';
import { readSclw } from '../../src/storage/sclw-frames.js';
import { readParquet } from '../../src/formats/parquet-read.js';
import { readEdf } from '../../src/formats/edf-read.js';
import type { WearDb } from '../../src/storage/wear-db.js';
import { all, bytesOf, concatData, ecgBatch, freshDb, imuBatches, imuWithDropout, labelledSession } from './helpers.js';

const strip = (ls: Awaited<ReturnType<typeof listLabels>>) =>
  ls.map(({ kind, label, start, end, note }) => ({ kind, label, start, end, note }));

async function sample(db: WearDb, gap = true) {
  const imu = gap ? imuWithDropout() : imuBatches(6, 40);
  const ecg = [0, 1, 2].map((k) => ecgBatch(k, 130));
  const id = await labelledSession(db, { subject: 'S3', notes: 'park', device: { model: 'H10' } }, [...imu, ...ecg]);
  return { id, imu, ecg };
}

describe('session export to Parquet and EDF+', () => {
  it('Parquet: export, read back and import give the same samples, gap, labels and fields', async () => {
    const db = await freshDb();
    const { id, imu } = await sample(db);
    const file = await bytesOf(exportSessionParquet(db, id, { stream: 'imu', rowGroupFrames: 100 }));
    const copy = await importFrames(db, await readParquet(file));
    expect(copy).toMatchObject({ status: 'complete', origin: 'imported', subject: 'S3', notes: 'park', device: { model: 'H10' } });
    expect(Object.keys(copy.streams)).toEqual(['imu']);
    const back = await all(replaySession(db, copy.id));
    expect(concatData(back)).toEqual(concatData(imu));
    expect(back.at(-1)!.t0).toBe(8);
    expect(back.at(-1)!.gapBefore).toBeCloseTo(3.2, 9);
    expect(strip(await listLabels(db, copy.id))).toEqual(strip(await listLabels(db, id)));
  });

  it('needs the stream named when the session has several', async () => {
    const db = await freshDb();
    const { id } = await sample(db);
    await expect(bytesOf(exportSessionParquet(db, id))).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      message: expect.stringMatching(/imu.*ecg|ecg.*imu/),
    });
  });

  it('EDF+: ECG exports and imports within the 16-bit step; a stream with a gap goes as EDF+D', async () => {
    const db = await freshDb();
    const { id, ecg } = await sample(db);
    const file = await bytesOf(exportSessionEdf(db, id, { stream: 'ecg' }));
    const copy = await importFrames(db, await readEdf(file));
    expect(copy.subject).toBe('S3');
    const back = concatData(await all(replaySession(db, copy.id)));
    const orig = concatData(ecg);
    expect(back.length).toBe(orig.length);
    const range = Math.max(...orig) - Math.min(...orig);
    for (let i = 0; i < orig.length; i++) expect(Math.abs(back[i]! - orig[i]!)).toBeLessThanOrEqual(range / 65535);
    expect(strip(await listLabels(db, copy.id)).map((l) => l.label)).toEqual(['WALKING', 'trip']);
    // The IMU stream has a 3.2 s dropout: EDF+D, and the gap comes back.
    const imuFile = await bytesOf(exportSessionEdf(db, id, { stream: 'imu' }));
    expect(new TextDecoder().decode(imuFile.subarray(192, 197))).toBe('EDF+D');
    const imuCopy = await importFrames(db, await readEdf(imuFile));
    const imuBack = await all(replaySession(db, imuCopy.id));
    expect(imuBack.reduce((n, b) => n + b.length, 0)).toBe(280);
    expect(imuBack.find((b) => b.gapBefore !== undefined)).toMatchObject({ t0: 8, gapBefore: expect.closeTo(3.2, 6) });
  });

  it('a .sclw file reads as one stream of frames', async () => {
    const db = await freshDb();
    const { id, imu } = await sample(db, false);
    const file = await bytesOf(exportSession(db, id));
    const src = await readSclw(new Blob([file]), 'imu');
    expect(src).toMatchObject({ frames: 240, rate: 50, kind: 'imu', session: { subject: 'S3' } });
    const copy = await importFrames(db, src);
    expect(concatData(await all(replaySession(db, copy.id)))).toEqual(concatData(imu));
    expect((await getSession(db, copy.id)).streams.imu!.frames).toBe(240);
  });
});
