// Test page for the live sources: the source modules, the fake Bluetooth and Polar devices,
// and small helpers, exposed on `window.t` for page.evaluate in test/browser/sources.test.ts.
// (Imports the modules, not the whole entry, so unrelated parts of the SDK cannot break it.)
import type { Observable } from 'rxjs';
import type { SampleBatch } from '../../../src/core/batch.js';
import { requestBleDevice, requestHeartRateDevice, requestPolarDevice } from '../../../src/sources/ble-request.js';
import { deviceMotionSource } from '../../../src/sources/device-motion-source.js';
import { accelerometerSource, gyroscopeSource } from '../../../src/sources/generic-sensor-source.js';
import { heartRateSource } from '../../../src/sources/heart-rate-source.js';
import { requestMotionPermission } from '../../../src/sources/motion-permission.js';
import { polarH10 } from '../../../src/sources/polar-h10.js';
import * as bt from './fake-bluetooth.js';
import * as polar from './fake-polar.js';

/** Subscribes and records everything the stream does. */
function collect<T>(source: Observable<T>) {
  const rec = {
    items: [] as T[],
    error: undefined as undefined | { name: string; code?: string; message: string; details?: unknown },
    done: false,
    sub: undefined as undefined | { unsubscribe(): void },
  };
  rec.sub = source.subscribe({
    next: (v) => rec.items.push(v),
    error: (e: { name: string; code?: string; message: string; details?: unknown }) =>
      (rec.error = { name: e.name, code: e.code, message: e.message, details: e.details }),
    complete: () => (rec.done = true),
  });
  return rec;
}

/** Resolves when `pred` holds (polled), rejects after `ms`. */
async function until(pred: () => unknown, ms = 3000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!pred()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 5));
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Plain-object view of a batch for returning to the test. */
function plain(b: SampleBatch) {
  return {
    kind: b.kind,
    channels: b.channels.map((c) => `${c.name} ${c.unit}`),
    rate: b.rate,
    t0: b.t0,
    seq: b.seq,
    length: b.length,
    data: Array.from(b.data),
    timestamps: b.timestamps ? Array.from(b.timestamps) : undefined,
    gapBefore: b.gapBefore,
  };
}

const sdk = {
  requestBleDevice,
  requestHeartRateDevice,
  requestPolarDevice,
  heartRateSource,
  polarH10,
  deviceMotionSource,
  accelerometerSource,
  gyroscopeSource,
  requestMotionPermission,
};
(globalThis as { t?: unknown }).t = { sdk, bt, polar, collect, until, sleep, plain };
(globalThis as { ready?: boolean }).ready = true;
