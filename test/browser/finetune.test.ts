// Fine-tuning in a real Web Worker with Chromium's IndexedDB: a run interrupted by a page reload
// resumes from its last saved epoch and ends with exactly the head an uninterrupted run gives.
import { describe, expect, it } from 'vitest';
import { useBrowser, type Page } from './harness.js';

const fx = useBrowser();

interface Api {
  finetunePage: Record<string, (...a: never[]) => unknown>;
}
const ready = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as Partial<Api>).finetunePage, undefined, { timeout: 20_000 });
const call = <T>(page: Page, name: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(([n, a]) => (globalThis as unknown as Api).finetunePage[n]!(...(a as never[])), [name, args] as const) as Promise<T>;

describe('fine-tuning in a worker', () => {
  it('resumes a run cut by a reload and ends with the head of an uninterrupted run', async () => {
    const EPOCHS = 40;
    const page = await fx.browser.newPage();
    await page.goto(`${fx.server.url}/__page/test/browser/pages/finetune.js`);
    await ready(page);
    await call(page, 'start', EPOCHS);
    await page.waitForFunction(() => ((globalThis as unknown as Api).finetunePage.lastEpoch!() as number) >= 3, undefined, {
      timeout: 30_000,
    });
    const seenBefore = await call<number>(page, 'lastEpoch');
    expect(seenBefore).toBeLessThan(EPOCHS); // still training when the page goes
    await page.reload();
    await ready(page);
    const [resumed, ...others] = await call<{ status: string; epochs: number[]; fromEpoch: number; params: number[] }[]>(page, 'resume');
    expect(others).toEqual([]);
    expect(resumed!.status).toBe('complete');
    expect(resumed!.fromEpoch).toBeGreaterThanOrEqual(seenBefore);
    expect(resumed!.fromEpoch).toBeLessThan(EPOCHS);
    expect(resumed!.epochs).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
    const straight = await call<{ epochs: number; params: number[] }>(page, 'straight', EPOCHS);
    expect(resumed!.params).toEqual(straight.params);
    await page.close();
  }, 90_000);
});
