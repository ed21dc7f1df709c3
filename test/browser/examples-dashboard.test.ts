// The live dashboard example (sdk-examples/dashboard) in headless Chromium, built and served as
// `npm run examples` does, replaying the bundled demo recording: the plots draw the signals, the
// R peaks and heart rate match the cardiologists' annotations, an activity is shown with its
// probabilities, the embedding views are drawn, and the page requests nothing but its own files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type Page, type TestBrowser } from './harness.js';
import { forbiddenRequests, inkPixels, openExamplesPage, screenshot, type ExamplesSite } from './examples-helpers.js';

const ACTIVITIES = ['walking', 'upstairs', 'downstairs', 'sitting', 'standing', 'laying'];
let site: ExamplesSite;
let browser: TestBrowser;
let requests: string[];
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  ({ site, browser, requests, page, pageErrors } = await openExamplesPage());
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.setViewportSize({ width: 1000, height: 1150 });
  // The demo recording at 4× speed (the page plays at 1× unless asked).
  await page.goto(`${site.url}/dashboard/?source=demo&speed=4`);
  await page.click('#start');
  await page.waitForFunction(() => Number(document.getElementById('beats')?.textContent) >= 30, undefined, { timeout: 60_000 });
  await page.waitForFunction(() => Number(document.getElementById('activity')?.dataset.windows ?? 0) >= 8, undefined, { timeout: 60_000 });
  // HRV needs 30 s of beats; the ECG recording lasts 60 s (15 s at 4×).
  await page.waitForFunction(() => document.getElementById('hrv')?.textContent?.startsWith('SDNN'), undefined, { timeout: 30_000 });
  await screenshot(page, 'examples-dashboard');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('dashboard example', () => {
  it('plots the ECG with R-peak markers and the three accelerometer and gyroscope axes', async () => {
    const ecg = await inkPixels(page, '#ecg-chart', true);
    // A trace across the plot is at least as many pixels as the plot is wide; peak markers are
    // red lines across the plot.
    expect(ecg.blue).toBeGreaterThan(ecg.width);
    expect(ecg.red).toBeGreaterThan(100);
    // Gravity keeps the three acceleration axes apart; at rest the three rotation rates sit close
    // together and partly hide each other, so each gyroscope trace need only show over a third.
    for (const [id, share] of [
      ['#imu-chart', 0.7],
      ['#gyro-chart', 0.3],
    ] as const) {
      const imu = await inkPixels(page, id, true);
      expect(imu.red, id).toBeGreaterThan(imu.width * share);
      expect(imu.green, id).toBeGreaterThan(imu.width * share);
      expect(imu.blue, id).toBeGreaterThan(imu.width * share);
    }
  });

  it('shows the heart rate of record 100 as annotated by cardiologists, HRV and signal quality', async () => {
    // Reference: mean rate of the annotated beats of the demo minute (74 beats over 59.2 s).
    const beats = readFileSync(join(repoRoot, 'sdk-examples/data/demo-ecg-beats.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    const reference = (60 * (beats.length - 1)) / (beats.at(-1)! - beats[0]!);
    const hr = Number(await page.textContent('#hr'));
    expect(Math.abs(hr - reference)).toBeLessThan(5);
    expect(await page.textContent('#hrv')).toMatch(/SDNN \d+ ms · RMSSD \d+ ms/);
    // Record 100 is clean: quality is high and usable.
    expect(await page.getAttribute('#quality', 'data-usable')).toBe('true');
  });

  it('shows the current activity group with a probability per group while the orientation is unknown', async () => {
    // The demo session starts with a minute and more of standing, sitting and lying, before any
    // walking: no calibration yet, so no posture, only the group (still).
    expect(await page.textContent('#activity')).toBe('still');
    const names = await page.$$eval('#probs > span:nth-child(3n+1)', (els) => els.map((e) => e.textContent));
    expect(names).toEqual(['walking', 'upstairs', 'downstairs', 'still']);
    const probs = await page.$$eval('#probs > span:nth-child(3n)', (els) => els.map((e) => parseFloat(e.textContent ?? '')));
    // Percentages rounded to whole numbers sum to 100 within the rounding of four values.
    expect(Math.abs(probs.reduce((s, p) => s + p, 0) - 100)).toBeLessThanOrEqual(2);
    expect(probs[3]).toBeGreaterThan(50);
    expect(await page.textContent('#truth')).toMatch(/^true: (sitting|standing|laying)$/);
  });

  it('draws the embedding views: recent windows and transformed copies of the current one', async () => {
    for (const id of ['#ecg-inv', '#ecg-var', '#imu-inv', '#imu-var']) {
      const ink = await inkPixels(page, id, true);
      expect(ink.orange, id).toBeGreaterThan(20);
      expect(Number(await page.getAttribute(`${id}-sim`, 'data-recent')), id).toBeGreaterThanOrEqual(3);
      // Recent windows spread out in the variant views; in the invariant views windows of one
      // activity may sit under the current window's copies, which is the invariance working.
      if (id.endsWith('var')) expect(ink.grey, id).toBeGreaterThan(20);
    }
    // The invariant part stays put under the transforms, the variant part moves.
    for (const sensor of ['ecg', 'imu']) {
      const inv = Number(await page.getAttribute(`#${sensor}-inv-sim`, 'data-similarity'));
      const vr = Number(await page.getAttribute(`#${sensor}-var-sim`, 'data-similarity'));
      expect(inv, sensor).toBeGreaterThan(vr);
    }
  });

  it('calibrates the orientation of the simulated wearer while they stand, then shows activities', async () => {
    const sim = await browser.newPage();
    sim.on('pageerror', (e) => pageErrors.push(e.message));
    await sim.goto(`${site.url}/dashboard/?source=simulator`);
    await sim.click('#start');
    // The simulated device sits at a random angle; the first 10 s are standing still.
    await sim.waitForFunction(
      () => /^calibrated: the device is tilted \d+°/.test(document.getElementById('status')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    await sim.waitForFunction(() => Number(document.getElementById('activity')?.dataset.windows ?? 0) >= 2, undefined, { timeout: 30_000 });
    // Calibrated: a full class, with a probability per class.
    expect(ACTIVITIES).toContain(await sim.textContent('#activity'));
    expect(await sim.$$eval('#probs > span:nth-child(3n)', (els) => els.length)).toBe(6);
    await screenshot(sim, 'examples-dashboard-simulator');
    await sim.close();
  }, 60_000);

  it('runs without uncaught errors, failed loads or stopped streams', async () => {
    expect(pageErrors).toEqual([]);
    expect(await page.textContent('#ecg-status')).toBe('');
    expect(await page.textContent('#imu-status')).toBe('');
    expect(await page.textContent('#status')).toMatch(/ecg model on (wasm|webgpu) · imu model on (wasm|webgpu)/);
  });

  it('requests nothing but its own files, the models and the .wasm files', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.some((u) => u.endsWith('.onnx'))).toBe(true);
    expect(forbiddenRequests(requests, site, 'dashboard')).toEqual([]);
  });
});
