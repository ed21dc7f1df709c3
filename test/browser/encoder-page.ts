// Drives test/browser/pages/encoder.ts: opens it in a fresh browser and runs createEncoder there.
import type { Page } from 'playwright-core';
import type { EncoderPageRequest } from './pages/encoder.js';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startServer, type TestBrowser, type TestServer } from './harness.js';

/** What the page reports: plain data, or the error's name, code and message. */
export interface EncoderPageResult {
  device?: string;
  reason?: string;
  workers: number;
  killed?: number;
  events: { status: string }[];
  embeddings?: number[][];
  probs?: number[][];
  labels?: string[];
  seqs?: number[];
  error?: { name?: string; code?: string; message?: string };
}

/** Opens the encoder page in a new browser (kept in `browsers` for closing). */
export async function openEncoderPage(server: TestServer, browsers: TestBrowser[], webgpu: boolean): Promise<Page> {
  const browser = await launchBrowser({ webgpu });
  browsers.push(browser);
  const page = await browser.newPage();
  await page.goto(`${server.url}/__page/test/browser/pages/encoder.js`);
  await page.waitForFunction(() => (globalThis as { encoderPage?: { ready: boolean } }).encoderPage?.ready, undefined, { timeout: 30_000 });
  return page;
}

/** Runs one createEncoder session in the page. */
export function runEncoderPage(page: Page, req: EncoderPageRequest): Promise<EncoderPageResult> {
  return page.evaluate<EncoderPageResult, EncoderPageRequest>(
    (r) => (globalThis as unknown as { encoderPage: { run(r: unknown): Promise<EncoderPageResult> } }).encoderPage.run(r),
    req,
  );
}

/** The server and page helpers of an encoder test file, from {@link useEncoderPages}. */
export interface EncoderPages {
  readonly server: TestServer;
  openPage(webgpu: boolean): Promise<Page>;
  runInPage(page: Page, over: Partial<EncoderPageRequest>): Promise<EncoderPageResult>;
}

/**
 * Registers hooks starting one server for the test file and closing every browser opened;
 * `defaults` fills each request's model, device and windows.
 *
 * @param defaults - the request used unless overridden
 */
export function useEncoderPages(defaults: EncoderPageRequest): EncoderPages {
  let server: TestServer | undefined;
  const browsers: TestBrowser[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    openPage: (webgpu) => openEncoderPage(server!, browsers, webgpu),
    runInPage: (page, over) => runEncoderPage(page, { ...defaults, ...over }),
  };
}
