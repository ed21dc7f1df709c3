// The real-browser harness itself: Chromium starts, pages are cross-origin isolated (needed for
// WASM threads and SharedArrayBuffer), and TypeScript modules are bundled on request.
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness.js';

const fx = useBrowser();

describe('browser harness', () => {
  it('serves a cross-origin isolated page that runs a bundled TypeScript module', async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${fx.server.url}/__page/test/browser/pages/smoke.js`);
    const result = await page.waitForFunction(() => (globalThis as { smoke?: unknown }).smoke, undefined, { timeout: 15_000 });
    const value = (await result.jsonValue()) as { isolated: boolean; code: string };
    expect(value.isolated).toBe(true);
    expect(value.code).toBe('E_SHAPE');
  });
});
