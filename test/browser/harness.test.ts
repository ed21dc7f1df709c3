// The real-browser harness itself: Chromium starts, pages are cross-origin isolated (needed for
// WASM threads and SharedArrayBuffer), and TypeScript modules are bundled on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type TestServer, type TestBrowser } from './harness.js';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('browser harness', () => {
  it('serves a cross-origin isolated page that runs a bundled TypeScript module', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/__page/test/browser/pages/smoke.js`);
    const result = await page.waitForFunction(() => (globalThis as { smoke?: unknown }).smoke, undefined, { timeout: 15_000 });
    const value = (await result.jsonValue()) as { isolated: boolean; code: string };
    expect(value.isolated).toBe(true);
    expect(value.code).toBe('E_SHAPE');
  });
});
