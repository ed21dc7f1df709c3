// What a customer sees of the example pages, in headless Chromium at a desktop width and at a
// phone's 390 px: charts with axes and units (checked in the pixels of the axis area), text
// alternatives for every canvas and a live summary, no horizontal scrolling, readable
// controls, the dashboard replaying at 1× by default (signal time against the page's clock),
// and the field recorder's sessions table and live plot growing while it records.
// Screenshots go to test-results/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Page, type TestBrowser } from './harness.js';
import { axisInk, inkPixels, overflow, screenshot, startExamples, type ExamplesSite } from './examples-helpers.js';

const WIDTHS = [1000, 390];
const ACTIVITY = /activity: (walking|upstairs|downstairs|still|sitting|standing|laying)/;
let site: ExamplesSite;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await startExamples();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens a page at `width` CSS pixels, runs `check` on it, and closes it whatever happens. */
async function withPage(path: string, width: number, check: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${site.url}${path}`);
    await check(page);
  } finally {
    await page.close();
  }
}

/** Seconds of signal the chart has drawn per second of the page's clock, over `ms`. */
function playbackRate(page: Page, selector: string, ms: number): Promise<number> {
  return page.$eval(
    selector,
    async (el, ms) => {
      const seconds = () => Number((el as HTMLCanvasElement).dataset.seconds);
      const [s0, t0] = [seconds(), performance.now()];
      await new Promise((ok) => setTimeout(ok, ms)); // the measuring interval, not a wait for an event
      return (seconds() - s0) / ((performance.now() - t0) / 1000);
    },
    ms,
  );
}

/** The axes of a chart: tick labels left of the plot and below it. */
async function expectAxes(page: Page, selector: string): Promise<void> {
  const ink = await axisInk(page, selector);
  // At least two one-digit labels (a small chart may show only "0" and "1").
  expect(ink.left, `${selector} value axis`).toBeGreaterThan(20);
  expect(ink.bottom, `${selector} time axis`).toBeGreaterThan(40);
}

/** A canvas that is an image with a label naming `words`, described by a text that matches `description`. */
async function expectTextAlternative(page: Page, selector: string, words: RegExp, description?: RegExp): Promise<void> {
  const alt = await page.$eval(selector, (el) => ({
    role: el.getAttribute('role'),
    label: el.getAttribute('aria-label') ?? '',
    described: document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
  }));
  expect(alt.role, selector).toBe('img');
  expect(alt.label, selector).toMatch(words);
  if (description) expect(alt.described, selector).toMatch(description);
}

async function expectFits(page: Page, width: number): Promise<void> {
  const o = await overflow(page);
  expect(o.innerWidth).toBe(width);
  expect(o.scrollWidth, 'page scrolls sideways').toBeLessThanOrEqual(o.innerWidth);
  expect(o.outside).toEqual([]);
  expect(o.small).toEqual([]);
}

describe('dashboard display', () => {
  for (const width of WIDTHS) {
    it(
      `at ${width} px: charts with axes and units, text alternatives and a live summary, nothing wider than the screen`,
      () =>
        withPage('/dashboard/?source=demo&autostart', width, async (page) => {
          await page.waitForFunction(() => Number(document.getElementById('ecg-chart')?.dataset.seconds) >= 6, undefined, {
            timeout: 30_000,
          });
          await page.waitForFunction(() => Number(document.getElementById('activity')?.dataset.windows ?? 0) >= 1, undefined, {
            timeout: 30_000,
          });
          await page.waitForFunction(() => document.querySelectorAll('[id$="-sim"][data-similarity]').length === 4, undefined, {
            timeout: 30_000,
          });
          // The text alternatives are refreshed every second: wait for the refresh that follows the
          // first activity window.
          await page.waitForFunction(
            (activity) => {
              const text = (id: string) => document.getElementById(id)?.textContent ?? '';
              return (
                /heart rate \d+ bpm/.test(text('summary')) &&
                new RegExp(activity).test(text('summary')) &&
                new RegExp(activity).test(text('announce'))
              );
            },
            ACTIVITY.source,
            { timeout: 30_000 },
          );
          for (const id of ['#ecg-chart', '#imu-chart', '#gyro-chart', '#ecg-inv', '#ecg-var', '#imu-inv', '#imu-var'])
            await expectAxes(page, id);
          // The traces are drawn inside the axes.
          expect((await inkPixels(page, '#ecg-chart', true)).blue).toBeGreaterThan(100);
          const gyro = await inkPixels(page, '#gyro-chart', true);
          expect(Math.min(gyro.red, gyro.green, gyro.blue)).toBeGreaterThan(100);
          await expectTextAlternative(page, '#ecg-chart', /millivolts.*seconds/, /^ECG: Last 6 s.* mV; \d+ beats marked\.$/);
          await expectTextAlternative(page, '#imu-chart', /in g\b.*seconds/, /^Acceleration in g: Last 10 s.* g\.$/);
          await expectTextAlternative(page, '#gyro-chart', /radians per second.*seconds/, /rad\/s\.$/);
          for (const id of ['#ecg-inv', '#ecg-var', '#imu-inv', '#imu-var']) {
            await expectTextAlternative(
              page,
              id,
              /embedding, (invariant|variant) part, projected on its two principal axes/,
              /similarity -?\d\.\d{3}/,
            );
          }
          const summary = (await page.textContent('#summary'))!;
          expect(summary).toMatch(/at 1×: heart rate \d+ bpm/);
          expect(summary).toMatch(ACTIVITY);
          expect(await page.textContent('#announce')).toMatch(ACTIVITY);
          await expectFits(page, width);
          await screenshot(page, `examples-dashboard-${width}`);
        }),
      90_000,
    );
  }

  it('replays at 1× (real time) by default, and faster only when asked', async () => {
    await withPage('/dashboard/?source=demo', 1000, async (page) => {
      expect(await page.inputValue('#speed')).toBe('1');
      await page.click('#start');
      await page.waitForFunction(() => Number(document.getElementById('imu-chart')?.dataset.seconds) > 1, undefined, { timeout: 30_000 });
      // Batches of 0.25 s make the signal clock step; over 5 s that is within 10 %. The machine
      // may be loaded, so the tolerance is wide, yet 2× or 4× would fall outside it.
      const rate = await playbackRate(page, '#imu-chart', 5000);
      expect(rate).toBeGreaterThan(0.6);
      expect(rate).toBeLessThan(1.4);
    });
    // The same measurement tells a faster replay apart.
    await withPage('/dashboard/?source=demo&speed=4&autostart', 1000, async (page) => {
      expect(await page.inputValue('#speed')).toBe('4');
      await page.waitForFunction(() => Number(document.getElementById('imu-chart')?.dataset.seconds) > 2, undefined, { timeout: 30_000 });
      expect(await playbackRate(page, '#imu-chart', 3000)).toBeGreaterThan(2.5);
    });
  }, 90_000);
});

/** The figures in the row of the session recorded for `subject`, by column. */
function rowCells(page: Page, subject: string): Promise<Record<string, string>> {
  return page.evaluate((subject) => {
    const tr = [...document.querySelectorAll('#sessions tr')].find((r) => r.querySelector('[data-col="Subject"]')?.textContent === subject);
    return Object.fromEntries(
      [...(tr?.querySelectorAll<HTMLElement>('td[data-col]') ?? [])].map((td) => [td.dataset.col, td.textContent ?? '']),
    );
  }, subject);
}

/** Samples per stream in a Samples cell ("ecg 1,040 · imu 400"). */
const frames = (text = '') =>
  Object.fromEntries([...text.matchAll(/(ecg|imu) ([\d,]+)/g)].map((m) => [m[1], Number(m[2]!.replace(/,/g, ''))]));

describe('field recorder display', () => {
  for (const width of WIDTHS) {
    it(
      `at ${width} px: the session's row and the live plot grow while recording, nothing wider than the screen`,
      () =>
        withPage('/field/', width, async (page) => {
          const subject = `W${width}`;
          await page.selectOption('#source', 'simulator');
          await page.fill('#subject', subject);
          await page.click('#start');
          await page.waitForFunction(
            (subject) =>
              [...document.querySelectorAll('#sessions tr[data-status="recording"]')].some(
                (tr) =>
                  tr.querySelector('[data-col="Subject"]')?.textContent === subject &&
                  /ecg [1-9]/.test(tr.querySelector('[data-col="Samples"]')?.textContent ?? ''),
              ),
            subject,
            { timeout: 20_000 },
          );
          await page.click('#labels button:text-is("standing")');
          const before = await rowCells(page, subject);
          // Both streams grow by more than a second of samples, and so does the length; the label
          // pressed is counted.
          const samples = async () => frames((await rowCells(page, subject)).Samples);
          await expect.poll(async () => (await samples()).ecg, { timeout: 20_000 }).toBeGreaterThan(frames(before.Samples).ecg! + 130);
          await expect.poll(async () => (await samples()).imu, { timeout: 20_000 }).toBeGreaterThan(frames(before.Samples).imu! + 50);
          const after = await rowCells(page, subject);
          expect(after.Status).toBe('recording');
          expect(parseFloat(after.Length!)).toBeGreaterThan(parseFloat(before.Length!));
          expect(after.Labels).toBe('1');
          // The live plot: the ECG and the three accelerometer axes inside their axes.
          const ecgInk = await inkPixels(page, '#live-ecg', true);
          const accInk = await inkPixels(page, '#live-acc', true);
          expect(ecgInk.blue).toBeGreaterThan(100);
          expect(Math.min(accInk.red, accInk.green, accInk.blue)).toBeGreaterThan(100);
          await expectAxes(page, '#live-ecg');
          await expectAxes(page, '#live-acc');
          await expectTextAlternative(page, '#live-ecg', /ECG.*millivolts/, /ECG: Last 5 s.* mV/);
          await expectTextAlternative(page, '#live-acc', /acceleration.*in g/, /Acceleration in g: Last 5 s/);
          await expectFits(page, width);
          await screenshot(page, `examples-field-${width}`);
          await page.click('#stop');
          await page.waitForFunction(
            (subject) =>
              [...document.querySelectorAll('#sessions tr[data-status="complete"]')].some(
                (tr) => tr.querySelector('[data-col="Subject"]')?.textContent === subject,
              ),
            subject,
            { timeout: 20_000 },
          );
        }),
      90_000,
    );
  }

  it('runs without uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
