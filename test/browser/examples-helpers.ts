// Shared by the example page tests: build and serve the examples as `npm run examples` does,
// read what a canvas has drawn, and record every request a page makes (privacy).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildExamples, serveExamples } from '../../scripts/examples.mjs';
import { repoRoot } from './harness.js';

/** The built examples served on 127.0.0.1. */
export interface ExamplesSite {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** Builds the examples into a scratch directory and serves them. */
export async function startExamples(): Promise<ExamplesSite> {
  const dir = mkdtempSync(join(tmpdir(), 'scl-wear-examples-'));
  await buildExamples({ outDir: dir });
  const server = await serveExamples({ dir });
  return {
    url: server.url,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Colour classes a pixel may be counted in. */
export type Ink = 'blue' | 'red' | 'green' | 'orange' | 'grey';

/**
 * Counts the pixels of a canvas that are clearly of one colour (the plots draw on a
 * transparent canvas, so an empty plot counts 0 for every colour).
 */
export function inkPixels(page: Page, selector: string): Promise<Record<Ink, number>> {
  return page.$eval(selector, (el) => {
    const c = el as HTMLCanvasElement;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const n = { blue: 0, red: 0, green: 0, orange: 0, grey: 0 };
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
      if (a < 100) continue;
      if (b > r + 60 && b > g + 30) n.blue++;
      else if (r > 180 && g > 60 && g < 140 && b < 60) n.orange++;
      else if (r > g + 80 && r > b + 80) n.red++;
      else if (g > r + 50 && g > b + 30) n.green++;
      else if (Math.abs(r - g) < 30 && Math.abs(g - b) < 40 && r < 200) n.grey++;
    }
    return n;
  });
}

/** Records every request of a browser context (pages, workers and service workers). */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/**
 * The requests that a page must not make: anything but the site's own files (page assets,
 * shared code chunks and demo data), the model files and onnxruntime's `.wasm` / loader files. Data and blob URLs
 * never leave the browser and are not requests to anyone.
 */
export function forbiddenRequests(urls: readonly string[], site: ExamplesSite, page: 'dashboard' | 'field'): string[] {
  const allowed = [new RegExp(`^/${page}/[\\w.-]*$`), /^\/chunks\/[\w.-]+\.js$/, /^\/data\/demo-[\w-]+\.csv$/, /^\/models\/[\w.-]+\.(json|onnx)$/, /^\/ort\/ort-wasm[\w.-]*\.(wasm|mjs)$/];
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const url = new URL(u);
    return url.origin !== site.url || !allowed.some((re) => re.test(url.pathname));
  });
}

/** Saves a screenshot under test-results/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
