// Shared by the example page tests: build and serve the examples as `npm run examples` does,
// read what a canvas has drawn, and record every request a page makes (privacy).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildExamples, serveExamples } from '../../scripts/examples.mjs';
import { launchBrowser, repoRoot, type TestBrowser } from './harness.js';

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

/** The built examples, a browser that records every request, and a page that records its uncaught errors. */
export interface ExamplesPage {
  site: ExamplesSite;
  browser: TestBrowser;
  /** Every URL the browser requested (see {@link recordRequests}). */
  requests: string[];
  page: Page;
  /** Messages of the page's uncaught errors. */
  pageErrors: string[];
}

/** Builds and serves the examples, launches a browser and opens a blank page; the caller closes `browser`, then `site`. */
export async function openExamplesPage(): Promise<ExamplesPage> {
  const site = await startExamples();
  const browser = await launchBrowser().catch(async (err: unknown) => {
    await site.close();
    throw err;
  });
  const requests = recordRequests(browser.browser);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { site, browser, requests, page, pageErrors };
}

/** Colour classes a pixel may be counted in. */
export type Ink = 'blue' | 'red' | 'green' | 'orange' | 'grey';

/**
 * Counts the pixels of a canvas that are clearly of one colour (the plots draw on a
 * transparent canvas, so an empty plot counts 0 for every colour). With `plotOnly`, only the
 * plot area inside the axes counts (the canvas's `data-plot`, inset by 2 px), so axis labels
 * and legends are left out; `width` is the width of the region counted, in canvas pixels.
 */
export function inkPixels(page: Page, selector: string, plotOnly = false): Promise<Record<Ink | 'width', number>> {
  return page.$eval(
    selector,
    (el, plotOnly) => {
      const c = el as HTMLCanvasElement;
      let [x0, y0, w, h] = [0, 0, c.width, c.height];
      if (plotOnly) {
        const plot = c.dataset.plot?.split(',').map(Number);
        if (!plot || plot.length !== 4) throw new Error(`${c.id} has no plot area (data-plot)`);
        [x0, y0, w, h] = [plot[0]! + 2, plot[1]! + 2, plot[2]! - 4, plot[3]! - 4];
      }
      const px = c.getContext('2d')!.getImageData(x0, y0, w, h).data;
      const n = { blue: 0, red: 0, green: 0, orange: 0, grey: 0, width: w };
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
    },
    plotOnly,
  );
}

/**
 * Counts the dark grey pixels (axis text and ticks) left of a chart's plot area and below it:
 * the tick labels, units and axis titles. Traces are coloured and grid lines light, so neither
 * counts.
 */
export function axisInk(page: Page, selector: string): Promise<{ left: number; bottom: number }> {
  return page.$eval(selector, (el) => {
    const c = el as HTMLCanvasElement;
    const plot = c.dataset.plot?.split(',').map(Number);
    if (!plot || plot.length !== 4) throw new Error(`${c.id} has no plot area (data-plot)`);
    const [x, y, w, h] = plot as [number, number, number, number];
    const dark = (x0: number, y0: number, x1: number, y1: number) => {
      if (x1 <= x0 || y1 <= y0) return 0;
      const px = c.getContext('2d')!.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
        if (a > 100 && Math.max(r, g, b) < 150 && Math.max(r, g, b) - Math.min(r, g, b) < 40) n++;
      }
      return n;
    };
    return { left: dark(0, y, x - 1, y + h), bottom: dark(x, y + h + 2, x + w, c.height) };
  });
}

/** What sticks out sideways at the page's current width. */
export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Visible controls and canvases reaching past the right edge (or the left), by id or tag. */
  outside: string[];
  /** Visible controls whose font is smaller than 14 CSS px or that are lower than 24 px. */
  small: string[];
}

/** Measures horizontal overflow and the size of the page's controls. */
export function overflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const name = (el: Element) => el.id || `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 20)}`;
    const visible = [...document.querySelectorAll('button, select, input, canvas, table, p, h1, h2')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    const outside = visible.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.right > innerWidth + 0.5 || r.left < -0.5;
    });
    const small = visible.filter((el) => {
      if (!el.matches('button, select, input:not([type=checkbox])')) return false;
      return parseFloat(getComputedStyle(el).fontSize) < 14 || el.getBoundingClientRect().height < 24;
    });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, outside: outside.map(name), small: small.map(name) };
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
  const allowed = [
    new RegExp(`^/${page}/[\\w.-]*$`),
    /^\/chunks\/[\w.-]+\.js$/,
    /^\/data\/demo-[\w-]+\.csv$/,
    /^\/models\/[\w.-]+\.(json|onnx)$/,
    /^\/ort\/ort-wasm[\w.-]*\.(wasm|mjs)$/,
  ];
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
