// The field recorder example (sdk-examples/field) in headless Chromium, built and served as
// `npm run examples` does: record a simulated session while labelling what the simulated person
// does, find it in the list, export it (.sclw and CSV, decoded here), reopen the page offline
// from the service worker's cache, fine-tune on the session, delete it; and the page requests
// nothing but its own files.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerReader, RECORD_CHUNK } from '../../src/storage/container.js';
import type { Page, TestBrowser } from './harness.js';
import { forbiddenRequests, openExamplesPage, screenshot, type ExamplesSite } from './examples-helpers.js';

let site: ExamplesSite;
let browser: TestBrowser;
let requests: string[];
let page: Page;
let pageErrors: string[];
/** Labels pressed, in order. */
const pressed: string[] = [];
/** IMU frames in the exported session file. */
let imuFrames = 0;

const status = () => page.textContent('#rec-status');

beforeAll(async () => {
  ({ site, browser, requests, page, pageErrors } = await openExamplesPage());
  page.on('dialog', (d) => void d.accept());
  await page.setViewportSize({ width: 1000, height: 900 });
  // The simulator at 6× speed: its first activities (10 s standing, 12 s walking, 10 s upstairs,
  // 12 s sitting, 10 s downstairs) pass in 9 s.
  await page.goto(`${site.url}/field/?speed=6`);
  await page.waitForSelector('#offline[data-ready="true"]', { timeout: 30_000 });
  await page.selectOption('#source', 'simulator');
  await page.fill('#subject', 'T1');
  // Label what the simulated person does, as a field researcher would: the page presses the
  // matching label in the same task as its activity display changes, so each label starts at the
  // signal time the display first showed it, however slow the test's round trips are.
  await page.evaluate(() => {
    const pressed: string[] = ((window as unknown as { pressedLabels: string[] }).pressedLabels = []);
    const truth = document.getElementById('sim-truth')!;
    new MutationObserver(() => {
      const now = truth.dataset.activity;
      const button = [...document.querySelectorAll<HTMLButtonElement>('#labels button')].find((b) => b.textContent === now);
      if (!now || now === pressed.at(-1) || pressed.length === 5 || !button || button.disabled) return;
      button.click();
      pressed.push(now);
    }).observe(truth, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  await page.click('#start');
  // Label the first five activities and record until the fifth ends (54 s of signal).
  await page.waitForFunction(
    () => {
      const pressed = (window as unknown as { pressedLabels: string[] }).pressedLabels;
      const now = document.getElementById('sim-truth')?.dataset.activity;
      return pressed.length === 5 && now !== undefined && now !== pressed[4];
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.click('#stop');
  await page.waitForFunction(() => document.getElementById('rec-status')?.textContent?.startsWith('saved'), undefined, { timeout: 20_000 });
  pressed.push(...(await page.evaluate(() => (window as unknown as { pressedLabels: string[] }).pressedLabels)));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Clicks a button of the session row and returns the downloaded file. */
async function download(button: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#sessions tr button:text-is("${button}")`)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

describe('field recorder example', () => {
  it('records a labelled session that appears in the list as complete', async () => {
    expect(pressed.slice(0, 4)).toEqual(['standing', 'walking', 'upstairs', 'sitting']);
    expect(await status()).toMatch(/^saved: [\d,]+ samples in \d+ chunks$/);
    const rows = await page.$$eval('#sessions tr', (trs) =>
      trs.map((tr) => ({ status: tr.getAttribute('data-status'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('complete');
    expect(rows[0]!.cells[2]).toBe('T1');
    // Cells: tick, started, subject, status, length, size, samples, labels, actions.
    expect(rows[0]!.cells[7]).toBe(String(pressed.length));
    // Storage use as the browser estimates it (the session, the caches and the database).
    await page.waitForFunction(
      () => /storage: [\d.]+ MB used of [\d.]+ GB/.test(document.getElementById('storage')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
  });

  it('exports the session as a .sclw file holding every stream, chunk and label', async () => {
    const { name, bytes } = await download('Export');
    expect(name).toMatch(/^session-.*\.sclw$/);
    const reader = new ContainerReader();
    reader.push(new Uint8Array(bytes));
    const frames: Record<string, number> = {};
    for (let r = reader.take(); r; r = reader.take()) {
      if (r.type !== RECORD_CHUNK) continue;
      const stream = r.meta.stream as string;
      frames[stream] = (frames[stream] ?? 0) + (r.meta.frames as number);
    }
    const header = reader.header as {
      streams: Record<string, { frames: number; rate: number; channels: unknown[] }>;
      labels: { label: string; start: number; end: number }[];
    };
    expect(Object.keys(header.streams).sort()).toEqual(['ecg', 'imu']);
    for (const [s, info] of Object.entries(header.streams)) expect(frames[s], s).toBe(info.frames);
    imuFrames = header.streams.imu!.frames;
    // About 54 s of signal at 6× speed, recorded at 130 Hz (ECG) and 50 Hz (IMU).
    expect(header.streams.imu!.frames / 50).toBeGreaterThan(35);
    expect(header.streams.ecg!.frames / 130).toBeGreaterThan(35);
    expect(header.labels.map((l) => l.label)).toEqual(pressed);
    // Each label ends where the next begins; the simulator's upstairs lasts 10 s, and each of its
    // ends is seen at the next tick of the page's activity display (every 1.2 s of signal at 6×).
    header.labels.slice(0, -1).forEach((l, i) => expect(l.end).toBeCloseTo(header.labels[i + 1]!.start, 6));
    expect(header.labels[2]!.end - header.labels[2]!.start).toBeGreaterThan(8);
    expect(header.labels[2]!.end - header.labels[2]!.start).toBeLessThan(12);
  });

  it('exports a stream as CSV with one row per recorded frame', async () => {
    const { name, bytes } = await download('CSV imu');
    expect(name).toMatch(/-imu\.csv$/);
    const lines = bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('time_s,ax (m/s^2),ay (m/s^2),az (m/s^2),gx (rad/s),gy (rad/s),gz (rad/s)');
    const rows = lines.slice(1).filter((l) => !l.startsWith('#'));
    expect(imuFrames).toBeGreaterThan(0);
    expect(rows).toHaveLength(imuFrames);
    // Frames at 50 Hz: consecutive times 20 ms apart.
    expect(Number(rows[1]!.split(',')[0]) - Number(rows[0]!.split(',')[0])).toBeCloseTo(0.02, 6);
  });

  it('opens offline from the service worker cache with the session still listed', async () => {
    await browser.browser.setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector('#sessions tr[data-status="complete"]', { timeout: 20_000 });
      expect(await page.textContent('#sessions tr td:nth-child(3)')).toBe('T1');
    } finally {
      await browser.browser.setOffline(false);
    }
  });

  it('fine-tunes an activity classifier on the session and activates it', async () => {
    await page.click('#tune');
    await page.waitForSelector('#tune-status[data-accuracy]', { timeout: 90_000 });
    const text = (await page.textContent('#tune-status'))!;
    // The classes are the labels pressed, each with enough windows to be kept.
    expect(text).toMatch(new RegExp(`of ${new Set(pressed).size} classes`));
    // Chance is 1 / classes; the simulated activities differ in gait and posture.
    expect(Number(await page.getAttribute('#tune-status', 'data-accuracy'))).toBeGreaterThanOrEqual(0.6);
    await screenshot(page, 'examples-field');
  }, 120_000);

  it('deletes the session', async () => {
    await page.click('#sessions tr button:text-is("Delete")');
    await page.waitForFunction(() => document.querySelectorAll('#sessions tr').length === 0, undefined, { timeout: 10_000 });
    expect(await page.isVisible('#sessions-empty')).toBe(true);
  });

  it('runs without uncaught errors and requests nothing but its own files, the models and the .wasm files', () => {
    expect(pageErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(forbiddenRequests(requests, site, 'field')).toEqual([]);
  });
});
