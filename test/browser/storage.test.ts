// Recording in real Chromium IndexedDB: a reload mid-recording loses nothing that was flushed,
// a full quota stops recording with StorageError E_QUOTA keeping what was written, and
// export then import gives identical samples; an import cut off by a reload leaves nothing
// that looks like a recording; a failing schema migration leaves the old database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type Page, type TestBrowser, type TestServer } from './harness.js';

let server: TestServer;
/** A second origin for the quota test, so its quota override is set before its storage is used. */
let quotaServer: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  quotaServer = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await quotaServer?.close();
});

type StoragePage = typeof import('./pages/storage.js');
interface Api {
  storagePage: Record<string, (...args: never[]) => unknown>;
}

async function open(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/__page/test/browser/pages/storage.js`);
  await page.waitForFunction(() => (globalThis as unknown as Partial<Api>).storagePage, undefined, { timeout: 20_000 });
  return page;
}

const call = <T>(page: Page, name: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(([n, a]) => (globalThis as unknown as Api).storagePage[n]!(...(a as never[])), [name, args] as const) as Promise<T>;

describe('storage in Chromium', () => {
  it('keeps every flushed chunk across a reload mid-recording and marks the session interrupted', async () => {
    const page = await open();
    // 10 frames every 10 ms (a 100 Hz 6-axis IMU in real time), flushed every 100 ms.
    const id = await call<string>(page, 'startRecording', 10, 10, 100);
    await page.waitForFunction(() => ((globalThis as any).storagePage.status().last?.frames ?? 0) >= 300, undefined, { timeout: 15_000 });
    const before = await call<{ last: { frames: number } }>(page, 'status');
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as Partial<Api>).storagePage, undefined, { timeout: 20_000 });
    const after = await call<{
      recovered: string[];
      status: string;
      storedFrames: number;
      frames: number;
      exact: boolean;
      labels: unknown[];
    }>(page, 'recover', id);
    expect(after.recovered).toEqual([id]);
    expect(after.status).toBe('interrupted');
    // Everything reported flushed before the reload is there (a flush under way may add more),
    // every sample is the one generated, and the totals match the chunks.
    expect(after.frames).toBeGreaterThanOrEqual(before.last.frames);
    expect(after.exact).toBe(true);
    expect(after.storedFrames).toBe(after.frames);
    expect(after.labels).toEqual([
      ['WALKING', 0, 0.5],
      ['RUNNING', 0.5, null],
    ]);
    await page.close();
  }, 60_000);

  it('stops recording on a full quota with StorageError E_QUOTA, keeping what was written', async () => {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: quotaServer.url, quotaSize: 4 * 1024 * 1024 });
    await page.goto(`${quotaServer.url}/__page/test/browser/pages/storage.js`);
    await page.waitForFunction(() => (globalThis as unknown as Partial<Api>).storagePage, undefined, { timeout: 20_000 });
    const r = await call<{
      error: { name: string; code?: string; isSdkError: boolean };
      lastReported: number;
      status: string;
      storedFrames: number;
      frames: number;
      exact: boolean;
    }>(page, 'fillQuota', 2000);
    expect(r.error).toMatchObject({ name: 'StorageError', code: 'E_QUOTA', isSdkError: true });
    expect(r.lastReported).toBeGreaterThan(0);
    // What was reported written is exactly what is stored and reads back.
    expect(r.frames).toBe(r.lastReported);
    expect(r.storedFrames).toBe(r.frames);
    expect(r.exact).toBe(true);
    // Marking the session failed needs a write too; when even that does not fit, recovery
    // marks it interrupted on the next start.
    expect(['failed', 'recording']).toContain(r.status);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: quotaServer.url });
    await page.close();
  }, 60_000);

  it('export then import gives identical samples and labels', async () => {
    const page = await open();
    const r = await call<{
      bytes: number;
      original: { frames: number; exact: boolean };
      copy: { frames: number; exact: boolean };
      copyLabels: string[];
    }>(page, 'roundTrip');
    expect(r.original).toEqual({ frames: 50 * 37, exact: true });
    expect(r.copy).toEqual(r.original);
    expect(r.copyLabels).toEqual(['SITTING']);
    expect(r.bytes).toBeGreaterThan(50 * 37 * 6 * 4);
    await page.close();
  }, 60_000);

  it('an import cut off by a reload is deleted on recovery, never listed or recovered as a recording', async () => {
    const page = await open();
    const { original, staged } = await call<{ original: string; staged: string }>(page, 'startImport');
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as Partial<Api>).storagePage, undefined, { timeout: 20_000 });
    const r = await call<{ recovered: string[]; listed: string[]; stagedLeft: boolean; chunksLeft: number }>(page, 'afterImport', staged);
    expect(r).toEqual({ recovered: [], listed: [original], stagedLeft: false, chunksLeft: 0 });
    await page.close();
  }, 60_000);

  it('a migration that fails leaves the database at its old version with its data', async () => {
    const page = await open();
    const r = await call<{
      error: { name: string; code: string; isSdkError: boolean; message: string };
      after: { version: number; stores: string[]; chunks: number };
    }>(page, 'failedMigration');
    expect(r.error).toMatchObject({ name: 'StorageError', code: 'E_STORAGE', isSdkError: true });
    expect(r.error.message).toMatch(/migration to version 3/);
    expect(r.after).toEqual({ version: 1, stores: ['chunks', 'labels', 'sessions'], chunks: 2 });
    await page.close();
  }, 60_000);
});

export type { StoragePage };
