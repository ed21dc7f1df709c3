// Shared setup of the live-source browser tests: one Chromium and server per test file, a fresh
// page of test/browser/pages/sources.ts per test (fake devices and globals never leak).
import { useBrowser, type Page } from './harness.js';

/** A batch as the test page returns it (see `plain` in pages/sources.ts). */
export interface Plain {
  kind: string;
  channels: string[];
  rate: number;
  t0: number;
  seq: number;
  length: number;
  data: number[];
  timestamps?: number[];
  gapBefore?: number;
}

/** Registers the browser lifecycle hooks; returns a function that opens a fresh test page. */
export function useSourcesPage(): () => Promise<Page> {
  const fx = useBrowser();
  return async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${fx.server.url}/__page/test/browser/pages/sources.js`);
    await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true, undefined, { timeout: 20_000 });
    return page;
  };
}
