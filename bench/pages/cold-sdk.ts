// Cold-start page, SDK side (built and driven by bench/cold-start.ts): createEncoder({ model: 'imu' })
// by manifest name in the SDK's worker, then one classification; reports ms since navigation start.
import { createEncoder } from '../../src/model/create-encoder.js';
import type { DeviceRequest } from '../../src/model/device.js';

const events: string[] = [];
(globalThis as { coldEvents?: string[] }).coldEvents = events;

async function main(): Promise<number> {
  const device = (new URLSearchParams(location.search).get('device') ?? 'wasm') as DeviceRequest;
  const encoder = await createEncoder({
    model: 'imu',
    device,
    manifestUrl: '/models/manifest.json',
    worker: new URL('./encoder.worker.js', import.meta.url), // built beside this page by bench/cold-start.ts
    wasmPaths: '/node_modules/onnxruntime-web/dist/',
    onProgress: (e) => events.push(`${e.status} ${performance.now().toFixed(0)}`),
  });
  const n = encoder.entry.windowSamples;
  const data = Float32Array.from({ length: n * 6 }, (_, i) => (i % 6 === 0 ? 1 : 0.01 * Math.sin(i)));
  await encoder.classify([{ kind: 'imu', channels: encoder.entry.channels, rate: 50, t0: 0, start: 0, length: n, seq: 0, data }]);
  const ms = performance.now();
  await encoder.close();
  return ms;
}

(globalThis as { coldStart?: Promise<number> }).coldStart = main();
