// Shared setup of the live-source browser tests: one Chromium and server per test file, a fresh
// page of test/browser/pages/sources.ts per test (fake devices and globals never leak).
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startServer, type Page, type TestBrowser, type TestServer } from './harness.js';

/** A batch as the test page returns it (see `plain` in pages/sources.ts). */
export type Plain = {
  kind: string;
  channels: string[];
  rate: number;
  t0: number;
  seq: number;
  length: number;
  data: number[];
  timestamps?: number[];
  gapBefore?: number;
};

/** Registers the browser lifecycle hooks; returns a function that opens a fresh test page. */
export function useSourcesPage(): () => Promise<Page> {
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
  return async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/__page/test/browser/pages/sources.js`);
    await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true, undefined, { timeout: 20_000 });
    return page;
  };
}
