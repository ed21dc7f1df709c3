// Shared setup of the live-source browser tests: one Chromium and server per test file, a fresh
// page of test/browser/pages/sources.ts per test (fake devices and globals never leak).
import { useBrowser } from './harness.js';

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

/**
 * Registers the browser lifecycle hooks; returns a function that runs `fn` in a fresh test page,
 * with the page's test kit (`window.t`: the SDK, the fake devices and helpers) as its argument,
 * then closes the page. `fn` runs in the browser: it sees nothing of the test file's scope.
 */
export function useSourcesPage(): <R>(fn: (t: any) => Promise<R>) => Promise<R> {
  const fx = useBrowser();
  return async (fn) => {
    const page = await fx.browser.newPage();
    try {
      await page.goto(`${fx.server.url}/__page/test/browser/pages/sources.js`);
      await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true, undefined, { timeout: 20_000 });
      const kit = await page.evaluateHandle(() => (globalThis as { t?: unknown }).t);
      return await page.evaluate(fn, kit);
    } finally {
      await page.close();
    }
  };
}
