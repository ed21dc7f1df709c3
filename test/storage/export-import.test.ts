// Session files: export then import gives identical samples; damage is detected, never imported.
import { describe, expect, it } from 'vitest';
import { getSession, listSessions } from '../../src/storage/sessions.js';
import { listLabels } from '../../src/storage/labels.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { exportSession, type TransferProgress } from '../../src/storage/export-session.js';
import { importSession } from '../../src/storage/import-session.js';
import { exportSessionCsv, float32Text } from '../../src/storage/csv.js';
import { FormatError } from '../../src/errors.js';
import { crc32, encodeRecord, RECORD_END } from '../../src/storage/container.js';
import type { SampleBatch } from '../../src/core/batch.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';
import { all, bytesOf, concatData, ecgBatch, freshDb, imuWithDropout, labelledSession } from './helpers.js';

/** A session with an IMU stream (with a dropout), an irregular ECG stream and two labels. */
async function sample(db: WearDb) {
  const imu = imuWithDropout();
  const ecg: SampleBatch[] = [0, 1, 2].map((k) => {
    const b = ecgBatch(k, 130);
    const timestamps = new Float64Array(130).map((_, i) => k + i / 130 + 1e-4 * Math.sin(i)); // jittered clock
    return { ...b, t0: timestamps[0]!, timestamps };
  });
  const id = await labelledSession(db, { subject: 'S3', notes: 'café, 2nd floor', device: { model: 'H10', fw: 3 } }, [...imu, ...ecg]);
  return { id, imu, ecg };
}

describe('session files', () => {
  it('export then import gives identical samples, times, gaps, labels and fields', async () => {
    const db = await freshDb();
    const { id, imu, ecg } = await sample(db);
    const file = await bytesOf(exportSession(db, id));
    const seen: TransferProgress[] = [];
    const copy = await importSession(db, new Blob([file]), { onProgress: (p) => seen.push(p), writeBytes: 2000 });
    expect(copy.id).not.toBe(id);
    expect(copy).toMatchObject({
      status: 'complete',
      origin: 'imported',
      subject: 'S3',
      notes: 'café, 2nd floor',
      device: { model: 'H10', fw: 3 },
    });
    expect(copy.streams).toEqual((await getSession(db, id)).streams);
    const imuBack = await all(replaySession(db, copy.id, { streams: ['imu'] }));
    expect(concatData(imuBack)).toEqual(concatData(imu));
    expect(imuBack.at(-1)).toMatchObject({ t0: 8, gapBefore: 3.2 });
    const ecgBack = await all(replaySession(db, copy.id, { streams: ['ecg'] }));
    expect(concatData(ecgBack)).toEqual(concatData(ecg));
    const times = new Float64Array(ecgBack.flatMap((b) => [...b.timestamps!]));
    expect(times).toEqual(new Float64Array(ecg.flatMap((b) => [...b.timestamps!])));
    const strip = (ls: Awaited<ReturnType<typeof listLabels>>) =>
      ls.map(({ kind, label, start, end, note }) => ({ kind, label, start, end, note }));
    expect(strip(await listLabels(db, copy.id))).toEqual(strip(await listLabels(db, id)));
    // Progress: bytes only grow and end at the file size.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.map((p) => p.bytes)).toEqual([...seen.map((p) => p.bytes)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ status: 'complete', bytes: file.length, totalBytes: file.length, frames: 7 * 40 + 3 * 130 });
  });

  it('reads the file in any piece sizes from a stream', async () => {
    const db = await freshDb();
    const { id, imu } = await sample(db);
    const file = await bytesOf(exportSession(db, id));
    let o = 0;
    const pieces = new ReadableStream<Uint8Array>({
      pull(c) {
        if (o >= file.length) {
          c.close();
          return;
        }
        c.enqueue(file.slice(o, (o += 7)));
      },
    });
    const copy = await importSession(db, pieces);
    expect(concatData(await all(replaySession(db, copy.id, { streams: ['imu'] })))).toEqual(concatData(imu));
  });

  it('follows the documented layout (independent decoder of the first chunk)', async () => {
    const db = await freshDb();
    const { id, imu } = await sample(db);
    const file = await bytesOf(exportSession(db, id));
    const v = new DataView(file.buffer);
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('SCLWSESS');
    expect(v.getUint32(8, true)).toBe(1);
    const h = v.getUint32(12, true);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(16, 16 + h)));
    expect(header).toMatchObject({ format: 'scl-wear-session', session: { subject: 'S3' }, streams: { imu: { rate: 50 } } });
    let o = 16 + h;
    expect(file[o]).toBe(1);
    const m = v.getUint32(o + 1, true);
    const meta = JSON.parse(new TextDecoder().decode(file.subarray(o + 5, o + 5 + m)));
    expect(meta).toMatchObject({ stream: 'imu', seq: 0, t0: 0, frames: 64, timestamps: false });
    const p = v.getUint32(o + 5 + m, true);
    expect(p).toBe(64 * 6 * 4);
    o += 9 + m;
    const first = Array.from({ length: 64 * 6 }, (_, i) => v.getFloat32(o + i * 4, true));
    expect(new Float32Array(first)).toEqual(concatData(imu).subarray(0, 64 * 6));
  });

  it('detects damaged, truncated and foreign files and leaves nothing behind', async () => {
    const db = await freshDb();
    const { id } = await sample(db);
    const file = await bytesOf(exportSession(db, id));
    const flipped = file.slice();
    const h = new DataView(file.buffer).getUint32(12, true);
    const m = new DataView(file.buffer).getUint32(16 + h + 1, true);
    flipped[16 + h + 9 + m + 100]! ^= 0x10; // one bit of a sample of the first chunk
    const cases: [Uint8Array, string][] = [
      [flipped, 'E_CHECKSUM'],
      [file.subarray(0, file.length - 30), 'E_TRUNCATED'],
      [file.subarray(0, 10), 'E_TRUNCATED'],
      [new TextEncoder().encode('time_s,ax\n0,1\n0.02,2\n'), 'E_PARSE'],
      [Uint8Array.from([...file, 1, 0, 0, 0]), 'E_TRUNCATED'],
      [Uint8Array.from([...file, ...encodeRecord(RECORD_END, { chunks: 0, frames: 0 })]), 'E_PARSE'],
    ];
    for (const [bytes, code] of cases) {
      const err = await importSession(db, bytes).catch((e) => e);
      expect(err, code).toBeInstanceOf(FormatError);
      expect(err.code).toBe(code);
    }
    const newer = file.slice();
    new DataView(newer.buffer).setUint32(8, 2, true);
    expect((await importSession(db, newer).catch((e) => e)).code).toBe('E_UNSUPPORTED');
    expect((await listSessions(db)).map((s) => s.id)).toEqual([id]);
    expect(await idbOf(db).count('labels')).toBe(2);
  });

  it('writes CSV whose values read back as the same float32 samples', async () => {
    const db = await freshDb();
    const { id, imu } = await sample(db);
    expect((await bytesOf(exportSessionCsv(db, id)).catch((e) => e)).details.argument).toBe('options.stream');
    const text = new TextDecoder().decode(await bytesOf(exportSessionCsv(db, id, { stream: 'imu' })));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('time_s,ax (m/s^2),ay (m/s^2),az (m/s^2),gx (rad/s),gy (rad/s),gz (rad/s)');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['# gap 3.2']);
    const rows = lines
      .slice(1)
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.split(',').map(Number));
    expect(rows.length).toBe(280);
    expect(rows[50]![0]).toBe(1);
    expect(new Float32Array(rows.flatMap((r) => r.slice(1)))).toEqual(concatData(imu));
  });

  it('checksums with the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4)))).toBe(0xcbf43926);
  });

  it('prints float32 values as their shortest exact decimal', () => {
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(Math.fround(-9.80665))).toBe('-9.80665');
    expect(float32Text(Math.fround(1e-7))).toBe('1e-7');
    expect(float32Text(Number.NaN)).toBe('NaN');
    for (let i = 0; i < 2000; i++) {
      const v = Math.fround((Math.random() - 0.5) * 10 ** ((i % 20) - 10));
      expect(Math.fround(Number(float32Text(v)))).toBe(v);
    }
  });
});
