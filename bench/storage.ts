// IndexedDB throughput in headless Chromium: samples/s written by recordSession (chunked
// transactions) and read back by replaySession, against writing one record per batch in its
// own transaction, measured in the same run. A sample is one value of one channel.
import { launchBrowser, startServer } from '../test/browser/harness.js';
import type { BenchSuite } from './suite.js';

const ROUNDS = 3;
const BATCHES = 8192; // 64-frame, 6-channel batches: 3.1 M samples per round
const BASELINE_BATCHES = 1024;

export const storage: BenchSuite = {
  name: 'storage',
  summary: 'IndexedDB in Chromium: 6-axis IMU samples/s written in chunks and read back, vs one record per batch',
  async run() {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/__page/bench/pages/storage.js`);
      await page.waitForFunction(() => (globalThis as { storageBench?: unknown }).storageBench, undefined, { timeout: 30_000 });
      const r = await page.evaluate(
        ([rounds, batches, base]) =>
          (
            globalThis as unknown as {
              storageBench: (a: number, b: number, c: number) => Promise<{ write: number; read: number; baseline: number }>;
            }
          ).storageBench(rounds, batches, base),
        [ROUNDS, BATCHES, BASELINE_BATCHES] as const,
      );
      return {
        writeSamplesPerSec: r.write,
        readSamplesPerSec: r.read,
        writePerBatchSamplesPerSec: r.baseline,
        writeRatioVsPerBatch: r.write / r.baseline,
        readOverWrite: r.read / r.write,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
