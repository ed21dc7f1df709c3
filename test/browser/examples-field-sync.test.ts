// The field recorder's export and sync panel in headless Chromium: Parquet and EDF+ buttons
// give files DuckDB and the EDF reader read; Sync sends the finished session to a real tus
// server on 127.0.0.1 (a separate origin), resumes after a page reload mid-upload and after a
// cut connection, and never sends a session twice.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerReader, RECORD_CHUNK } from '../../src/storage/container.js';
import { readEdf } from '../../src/formats/edf-read.js';
import { launchBrowser, type Page, type TestBrowser } from './harness.js';
import { startExamples, type ExamplesSite } from './examples-helpers.js';
import { startTus, type TusFixture } from '../storage/tus-server.js';
import { duckQuery } from '../formats/helpers.js';

let site: ExamplesSite;
let browser: TestBrowser;
let page: Page;
let tus: TusFixture;
const pageErrors: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'scl-field-sync-'));

beforeAll(async () => {
  [site, tus] = await Promise.all([startExamples(), startTus()]);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Small upload pieces so that a reload can land mid-upload.
  await page.goto(`${site.url}/field/?speed=6&syncChunk=4096`);
  await page.selectOption('#source', 'simulator');
  await page.fill('#subject', 'T2');
  await page.click('#start');
  await page.waitForFunction(() => Number(document.getElementById('rec-status')?.dataset.samples ?? 0) > 3000, undefined, {
    timeout: 30_000,
  });
  await page.click('#stop');
  await page.waitForFunction(() => document.getElementById('rec-status')?.textContent?.startsWith('saved'), undefined, { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll('#out-session option').length === 1, undefined, { timeout: 10_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), tus?.close()]);
});

async function download(button: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

describe('field recorder: export and sync', () => {
  it('exports the IMU stream as Parquet that DuckDB reads', async () => {
    await page.selectOption('#out-stream', 'imu');
    const { name, bytes } = await download('#export-parquet');
    expect(name).toMatch(/-imu\.parquet$/);
    const file = join(tmp, name);
    writeFileSync(file, bytes);
    const rows = await duckQuery(`SELECT count(*)::INTEGER AS n FROM '${file}'`);
    const cols = (await duckQuery(`SELECT column_name FROM (DESCRIBE SELECT * FROM '${file}')`)).map((r) => r.column_name);
    expect(cols).toEqual(['t', 'ax', 'ay', 'az', 'gx', 'gy', 'gz', 'label']);
    expect(rows[0]!.n as number).toBeGreaterThan(3000 / 6 - 50);
    expect(await page.textContent('#out-status')).toBe('exported imu as Parquet');
  });

  it('exports the ECG stream as EDF+C with the subject in the header', async () => {
    await page.selectOption('#out-stream', 'ecg');
    const { name, bytes } = await download('#export-edf');
    expect(name).toMatch(/-ecg\.edf$/);
    expect(bytes.subarray(192, 197).toString('latin1')).toBe('EDF+C');
    const edf = await readEdf(new Uint8Array(bytes));
    expect(edf).toMatchObject({ kind: 'ecg', rate: 130, session: { subject: 'T2' }, channels: [{ name: 'ecg', unit: 'mV' }] });
    expect(edf.frames).toBeGreaterThan(130 * 5);
  });

  it('sends nothing until an endpoint is entered and Sync pressed', async () => {
    await page.click('#sync');
    expect(await page.textContent('#sync-status')).toMatch(/nothing is sent without it/);
    expect(tus.created + tus.forwarded).toBe(0);
  });

  it('a reload mid-upload, then Retry, resumes the same upload: the server gets the session once', async () => {
    tus.stallAfter(12_000); // the upload hangs after ~12 kB
    await page.fill('#sync-endpoint', tus.endpoint);
    await page.click('#sync');
    await page.waitForFunction(() => Number(document.getElementById('sync-status')?.dataset.bytes ?? 0) >= 4096, undefined, {
      timeout: 20_000,
    });
    expect(tus.created).toBe(1);
    await page.reload();
    tus.release();
    await page.waitForSelector('#sync-retry:not([hidden])', { timeout: 20_000 });
    expect(await page.textContent('#sync-summary')).toMatch(/0 of 1 finished sessions sent; 1 upload\(s\) interrupted/);
    expect(await page.inputValue('#sync-endpoint')).toBe(tus.endpoint);
    tus.cutAfter(6000); // and a connection cut on the way
    await page.click('#sync-retry');
    await page.waitForSelector('#sync-status[data-done]', { timeout: 30_000 });
    expect(await page.getAttribute('#sync-status', 'data-done')).toBe('ok');
    expect(tus.cuts).toBe(1);
    expect(tus.created).toBe(1);
    expect(tus.finished).toHaveLength(1);
    expect(tus.finished[0]!.metadata).toMatchObject({ subject: 'T2' });
    // The server's file is a whole session file: every record checks out up to the end record.
    const reader = new ContainerReader();
    reader.push(tus.file(tus.finished[0]!.id));
    const frames: Record<string, number> = {};
    let records = 0;
    for (let r = reader.take(); r; r = reader.take()) {
      records++;
      if (r.type === RECORD_CHUNK) frames[r.meta.stream as string] = (frames[r.meta.stream as string] ?? 0) + (r.meta.frames as number);
    }
    expect(reader.buffered).toBe(0);
    const header = reader.header as { streams: Record<string, { frames: number }> };
    for (const [s, info] of Object.entries(header.streams)) expect(frames[s], s).toBe(info.frames);
    expect(records).toBeGreaterThan(2);
    await page.waitForFunction(() => document.getElementById('sync-summary')?.dataset.sent === '1');
  });

  it('syncing again sends nothing', async () => {
    const before = tus.forwarded;
    await page.click('#sync');
    await page.waitForFunction(() => (document.getElementById('sync-status')?.textContent ?? '').includes('already sent 1'), undefined, {
      timeout: 10_000,
    });
    expect(tus.forwarded).toBe(before);
    expect(tus.finished).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
