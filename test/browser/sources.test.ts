// Live sources in real Chromium against a fake `navigator.bluetooth` device (fake GATT server,
// see pages/fake-bluetooth.ts and pages/fake-polar.ts) and dispatched motion events: connect,
// start, notifications, disconnect, reconnect with a gap marker, retries exhausted, stop
// releasing the device, and the motion sources' rates, units and permission flows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type Page, type TestBrowser, type TestServer } from './harness.js';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/__page/test/browser/pages/sources.js`);
  await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true, undefined, { timeout: 20_000 });
  return page;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Plain = { kind: string; channels: string[]; rate: number; t0: number; seq: number; length: number; data: number[]; timestamps?: number[]; gapBefore?: number };

describe('Web Bluetooth: choosing a device', () => {
  it('maps a missing API, a cancelled chooser and a refused gesture to typed errors', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const out: Record<string, unknown> = {};
      const code = async (f: () => Promise<unknown>) => f().then(() => 'ok', (e: any) => `${e.name}:${e.code}`);
      t.bt.installBluetooth(undefined);
      out.none = await code(() => t.sdk.requestHeartRateDevice());
      const chooser: any = { device: undefined, reject: 'NotFoundError' };
      t.bt.installBluetooth(chooser);
      out.cancelled = await code(() => t.sdk.requestHeartRateDevice());
      chooser.reject = 'SecurityError';
      out.noGesture = await code(() => t.sdk.requestPolarDevice());
      chooser.reject = undefined;
      chooser.device = new t.bt.FakeDevice('d1', 'Strap');
      out.name = (await t.sdk.requestHeartRateDevice()).name;
      out.hrFilter = chooser.lastOptions;
      await t.sdk.requestPolarDevice();
      out.polarFilter = chooser.lastOptions;
      return out;
    });
    expect(r.none).toBe('SourceError:E_UNAVAILABLE');
    expect(r.cancelled).toBe('SourceError:E_PERMISSION');
    expect(r.noGesture).toBe('SourceError:E_PERMISSION');
    expect(r.name).toBe('Strap');
    expect(r.hrFilter).toEqual({ filters: [{ services: [0x180d] }] });
    expect(r.polarFilter).toEqual({ filters: [{ namePrefix: 'Polar' }], optionalServices: ['fb005c80-02e7-f387-1cad-8acd2d8df0c8', 0x180d] });
    await page.close();
  });
});

describe('heart-rate source', () => {
  it('streams HR and RR, reconnects after a drop with a gap marker, and releases the device on unsubscribe', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const p = t.polar.fakePolar();
      const hr = t.sdk.heartRateSource(p.device, { reconnect: { initialDelayMs: 20, retries: 3 } });
      const rate = t.collect(hr.heartRate$);
      const rr = t.collect(hr.rr$);
      const states = t.collect(hr.status$);
      await t.until(() => p.hr.notifying, 3000, 'HR notifications');
      const sent: number[] = [];
      p.hr.notify([0x10, 60, 0x80, 0x00]); // 60 bpm, RR 128/1024 s = 125 ms
      sent.push(performance.now());
      await t.sleep(180);
      p.hr.notify([0x16, 61, 0x80, 0x00, 0x40, 0x00]); // contact detected, RR 125 ms and 62.5 ms
      sent.push(performance.now());
      await t.until(() => rr.items.length === 2, 3000, 'two RR batches');
      p.device.refuseConnects = 2; // the first two reconnection attempts fail
      p.device.linkDown();
      await t.until(() => p.hr.notifying && p.device.connects === 2, 5000, 'reconnection');
      await t.sleep(1500);
      p.hr.notify([0x10, 62, 0x80, 0x00]);
      sent.push(performance.now());
      await t.until(() => rr.items.length === 3 && rate.items.length === 3, 3000, 'batches after reconnect');
      const logBeforeStop = p.device.log.length;
      rate.sub.unsubscribe();
      rr.sub.unsubscribe();
      await t.until(() => !p.device.gatt.connected, 3000, 'release');
      await t.sleep(200);
      return {
        rate: rate.items.map(t.plain),
        rr: rr.items.map(t.plain),
        errors: [rate.error, rr.error],
        states: states.items.map((s: any) => s.state),
        stopLog: p.device.log.slice(logBeforeStop),
        connectsAttempted: p.device.log.filter((l: string) => l === 'connect').length,
        notifying: p.hr.notifying,
        sent,
        origin: performance.timeOrigin,
      };
    });
    expect(r.errors).toEqual([undefined, undefined]);
    const rate = r.rate as Plain[];
    const rr = r.rr as Plain[];
    expect(rate.map((b) => b.data)).toEqual([[60], [61], [62]]);
    expect(rate.map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(rate[0]!.kind).toBe('hr');
    expect(rate[0]!.channels).toEqual(['hr bpm']);
    expect(rr.map((b) => b.data)).toEqual([[125], [125, 62.5], [125]]);
    expect(rr[0]!.channels).toEqual(['rr ms']);
    // Timestamps are host seconds at arrival (HR) and beat times chained by the RR intervals.
    expect(Math.abs(rate[0]!.t0 - (r.origin + r.sent[0]!) / 1000)).toBeLessThan(0.05);
    expect(rr[1]!.timestamps![0]! - rr[0]!.timestamps![0]!).toBeCloseTo(0.125, 6);
    expect(rr[1]!.timestamps![1]! - rr[1]!.timestamps![0]!).toBeCloseTo(0.0625, 6);
    // Only the first batch after the reconnect carries the gap marker, sized by the missing time.
    expect(rate.map((b) => b.gapBefore === undefined)).toEqual([true, true, false]);
    expect(rate[2]!.gapBefore).toBeCloseTo(rate[2]!.t0 - (rate[1]!.t0 + 1), 6); // HR is nominally 1 Hz
    expect(rate[2]!.gapBefore).toBeGreaterThan(0.4);
    expect(rr.map((b) => b.gapBefore === undefined)).toEqual([true, true, false]);
    // RR gap: from the last beat to the start of the first interval after the reconnect.
    expect(rr[2]!.gapBefore).toBeCloseTo(rr[2]!.timestamps![0]! - 0.125 - rr[1]!.timestamps![1]!, 6);
    expect(rr[2]!.gapBefore).toBeGreaterThan(1.2);
    // Connection: first connect, one drop, two refused attempts, one success; then released.
    expect(r.connectsAttempted).toBe(4);
    // (status$ replays the current state: 'connecting' already, as the streams subscribed first)
    expect(r.states).toEqual(['connecting', 'connected', 'reconnecting', 'reconnecting', 'reconnecting', 'connected', 'idle']);
    expect(r.stopLog).toEqual(['stopNotifications 00002a37-0000-1000-8000-00805f9b34fb', 'disconnect', 'link down']);
    expect(r.notifying).toBe(false);
    await page.close();
  });

  it('fails with E_DISCONNECTED once the reconnection attempts are exhausted', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const p = t.polar.fakePolar();
      const rec = t.collect(t.sdk.heartRateSource(p.device, { reconnect: { initialDelayMs: 10, maxDelayMs: 20, retries: 2 } }).rr$);
      await t.until(() => p.hr.notifying, 3000, 'notifications');
      p.device.refuseConnects = 100;
      p.device.linkDown();
      await t.until(() => rec.error, 5000, 'error');
      return { error: rec.error, attempts: p.device.log.filter((l: string) => l === 'connect').length };
    });
    expect(r.error).toMatchObject({ name: 'SourceError', code: 'E_DISCONNECTED', details: { attempts: 2 } });
    expect(r.attempts).toBe(3); // the first connection and two retries
    await page.close();
  });

  it('reports a device without the service as E_UNAVAILABLE and a malformed notification as E_PROTOCOL', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const watch = new t.bt.FakeDevice('w', 'Watch'); // no Heart Rate Service
      const a = t.collect(t.sdk.heartRateSource(watch).heartRate$);
      await t.until(() => a.error, 3000, 'missing service error');
      const p = t.polar.fakePolar();
      const b = t.collect(t.sdk.heartRateSource(p.device).rr$);
      await t.until(() => p.hr.notifying, 3000, 'notifications');
      p.hr.notify([0x10, 60, 0x00]); // RR list cut in half
      await t.until(() => b.error, 3000, 'protocol error');
      await t.until(() => !p.device.gatt.connected, 3000, 'release after error');
      return { missing: a.error, bad: b.error, watchConnected: watch.gatt.connected };
    });
    expect(r.missing).toMatchObject({ name: 'SourceError', code: 'E_UNAVAILABLE' });
    expect(r.bad).toMatchObject({ name: 'SourceError', code: 'E_PROTOCOL', details: { code: 'E_PARSE' } });
    expect(r.watchConnected).toBe(false);
    await page.close();
  });
});

describe('Polar H10 source', () => {
  it('queries settings, streams ECG and ACC with rebuilt timestamps and units, stops each on the sensor', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const p = t.polar.fakePolar();
      const h10 = t.sdk.polarH10(p.device, { reconnect: { initialDelayMs: 20 } });
      const settings = await h10.settings('acc');
      const features = await h10.features();
      await t.until(() => !p.device.gatt.connected, 3000, 'release after queries');
      const ecg = t.collect(h10.ecg());
      const acc = t.collect(h10.acc({ rate: 200, range: 8, unit: 'g' }));
      await t.until(() => p.running.has(0) && p.running.has(2), 3000, 'both measurements started');
      const base = 599616023171427290n;
      const real = 130.061; // the sensor's real rate, vs 130 Hz nominal
      for (let f = 0; f < 3; f++) {
        const samples = Array.from({ length: 73 }, (_, i) => (f * 73 + i) * 10 - 1000);
        p.data.notify(t.polar.ecgFrame(base + BigInt(Math.round((((f + 1) * 73 - 1) / real) * 1e9)), samples));
      }
      p.data.notify(t.polar.accFrame(base, [1000, -1000, 0, 10, 20, 30]));
      p.data.notify(t.polar.accDeltaFrame(base + 15_000_000n, [[0, 0, 1000], [1, -1, 1001], [3, -3, 1000]]));
      await t.until(() => ecg.items.length === 3 && acc.items.length === 2, 3000, 'batches');
      ecg.sub.unsubscribe();
      await t.until(() => !p.running.has(0), 3000, 'ECG stopped on the sensor');
      const connectedWithAcc = p.device.gatt.connected && p.running.has(2);
      acc.sub.unsubscribe();
      await t.until(() => !p.device.gatt.connected, 3000, 'release');
      return {
        settings,
        features,
        ecg: ecg.items.map(t.plain),
        acc: acc.items.map(t.plain),
        writes: p.cp.writes,
        connectedWithAcc,
        notifying: [p.cp.notifying, p.data.notifying],
        running: [...p.running],
        errors: [ecg.error, acc.error],
      };
    });
    expect(r.errors).toEqual([undefined, undefined]);
    expect(r.settings).toEqual({ sampleRate: [25, 50, 100, 200], resolution: [16], range: [2, 4, 8] });
    expect(r.features).toEqual(['ecg', 'acc']);
    const starts = r.writes.filter((w: number[]) => w[0] === 2);
    expect(starts).toContainEqual([0x02, 0x00, 0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00]);
    expect(starts).toContainEqual([0x02, 0x02, 0x00, 0x01, 0xc8, 0x00, 0x01, 0x01, 0x10, 0x00, 0x02, 0x01, 0x08, 0x00]);
    expect(r.writes.filter((w: number[]) => w[0] === 3)).toEqual([[0x03, 0x00], [0x03, 0x02]]);
    const ecg = r.ecg as Plain[];
    expect(ecg.map((b) => [b.kind, b.channels[0], b.rate, b.seq, b.length])).toEqual([
      ['ecg', 'ecg mV', 130, 0, 73],
      ['ecg', 'ecg mV', 130, 1, 73],
      ['ecg', 'ecg mV', 130, 2, 73],
    ]);
    ecg.forEach((b, f) => b.data.forEach((v, i) => expect(v).toBeCloseTo(((f * 73 + i) * 10 - 1000) / 1000, 6)));
    const ts = ecg.flatMap((b) => b.timestamps!);
    expect(ts.every((x, i) => i === 0 || x > ts[i - 1]!)).toBe(true);
    // After the first frame the spacing follows the sensor's real rate, not the nominal one.
    const spacing = (ts[218]! - ts[73]!) / 145;
    expect(spacing).toBeCloseTo(1 / 130.061, 7);
    const acc = r.acc as Plain[];
    expect(acc[0]!.channels).toEqual(['ax g', 'ay g', 'az g']);
    expect(acc[0]!.data.map((v) => +v.toFixed(6))).toEqual([1, -1, 0, 0.01, 0.02, 0.03]);
    expect(acc[1]!.data.map((v) => +v.toFixed(6))).toEqual([0, 0, 1, 0.001, -0.001, 1.001, 0.003, -0.003, 1]);
    expect(r.connectedWithAcc).toBe(true);
    expect(r.notifying).toEqual([false, false]);
    expect(r.running).toEqual([]);
    await page.close();
  });

  it('restarts the measurement after a reconnect and marks the gap; answers "already running" with stop + start', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const p = t.polar.fakePolar();
      p.running.add(0); // an earlier page left ECG running on the sensor
      const ecg = t.collect(t.sdk.polarH10(p.device, { reconnect: { initialDelayMs: 20 } }).ecg());
      await t.until(() => p.running.has(0) && p.cp.writes.length >= 3, 3000, 'start');
      const base = 700_000_000_000_000_000n;
      const frame = (k: number) => t.polar.ecgFrame(base + BigInt(Math.round(((k + 1) * 73 - 1) * (1e9 / 130))), Array(73).fill(k));
      // Frames go out in real time, one per 73 samples at 130 Hz, as from the sensor.
      const t0 = performance.now();
      const at = (k: number) => t.until(() => performance.now() >= t0 + (k * 73 * 1000) / 130, 10_000, `frame ${k} time`);
      p.data.notify(frame(0));
      await at(1);
      p.data.notify(frame(1));
      await t.until(() => ecg.items.length === 2, 3000, 'frames before the drop');
      p.device.linkDown();
      await t.until(() => p.device.connects === 2 && p.running.has(0), 5000, 'measurement restarted');
      await at(5);
      p.data.notify(frame(5)); // the sensor kept its clock; frames 2–4 were lost with the link
      await t.until(() => ecg.items.length === 3, 3000, 'frame after reconnect');
      ecg.sub.unsubscribe();
      await t.until(() => !p.device.gatt.connected, 3000, 'release');
      return { batches: ecg.items.map(t.plain), writes: p.cp.writes, error: ecg.error };
    });
    expect(r.error).toBeUndefined();
    const ops = r.writes.map((w: number[]) => w.slice(0, 2).join(','));
    expect(ops).toEqual(['2,0', '3,0', '2,0', '2,0', '3,0']); // start (refused) → stop → start; restart; stop
    const b = r.batches as Plain[];
    expect(b.map((x) => x.seq)).toEqual([0, 1, 2]);
    expect(b.map((x) => x.gapBefore === undefined)).toEqual([true, true, false]);
    // The sensor clock ran on, so the gap is exactly the three lost frames (by sensor time).
    expect(b[2]!.gapBefore).toBeCloseTo((3 * 73) / 130, 4);
    const prevEnd = b[1]!.timestamps![72]! + 1 / 130;
    expect(b[2]!.t0 - prevEnd).toBeCloseTo(b[2]!.gapBefore!, 4);
    await page.close();
  });

  it('reports a refused start as E_PROTOCOL with the sensor status', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const p = t.polar.fakePolar();
      p.startStatus = 8;
      const rec = t.collect(t.sdk.polarH10(p.device).acc({ rate: 100 }));
      await t.until(() => rec.error, 3000, 'error');
      await t.until(() => !p.device.gatt.connected, 3000, 'release');
      return rec.error;
    });
    expect(r).toMatchObject({ code: 'E_PROTOCOL', details: { status: 8, statusName: 'invalid sample rate' } });
    await page.close();
  });
});

describe('phone motion sources', () => {
  it('batches dispatched DeviceMotionEvents: measured rate, rad/s, per-event timestamps', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const rec = t.collect(t.sdk.deviceMotionSource({ warmupSeconds: 0.5, batchSeconds: 0.2 }));
      const stamps: number[] = [];
      for (let i = 0; i < 150; i++) {
        const ev = new DeviceMotionEvent('devicemotion', {
          accelerationIncludingGravity: { x: 0.01 * i, y: 9.81, z: -1 },
          rotationRate: { alpha: 90, beta: 180, gamma: -45 },
          interval: 16,
        });
        stamps.push(ev.timeStamp);
        window.dispatchEvent(ev);
        await t.sleep(8);
      }
      rec.sub.unsubscribe();
      return { batches: rec.items.map(t.plain), stamps, origin: performance.timeOrigin, error: rec.error };
    });
    expect(r.error).toBeUndefined();
    const b = r.batches as Plain[];
    expect(b.length).toBeGreaterThan(3);
    expect(b[0]!.kind).toBe('imu');
    expect(b[0]!.channels).toEqual(['ax m/s^2', 'ay m/s^2', 'az m/s^2', 'gx rad/s', 'gy rad/s', 'gz rad/s']);
    expect(b[0]!.data.slice(0, 6).map((v) => +v.toFixed(5))).toEqual([0, 9.81, -1, +Math.PI.toFixed(5), +(-Math.PI / 4).toFixed(5), +(Math.PI / 2).toFixed(5)]);
    // Every event is there, in order, at its own time.
    const ts = b.flatMap((x) => x.timestamps!);
    const emitted = b.reduce((n, x) => n + x.length, 0);
    expect(ts).toEqual(r.stamps.slice(0, emitted).map((s: number) => (r.origin + s) / 1000));
    expect(emitted).toBeGreaterThan(100);
    // The rate is measured from the events (not their nominal 16 ms interval) and constant.
    // Expected: the mean event rate over the first 0.5 s, pauses of 0.1 s or more left out (a
    // loaded test machine can stall the dispatch loop; the source documents the same rule).
    const warm: number[] = r.stamps.filter((s: number) => s - r.stamps[0]! <= 500);
    const steps = warm.slice(1).map((s, i) => s - warm[i]!).filter((d) => d < 100);
    const measured = steps.length / (steps.reduce((a, d) => a + d, 0) / 1000);
    expect(new Set(b.map((x) => x.rate)).size).toBe(1);
    expect(Math.abs(b[0]!.rate - measured) / measured).toBeLessThan(0.02);
    expect(Math.abs(b[0]!.rate - 62.5)).toBeGreaterThan(5);
    // Fixed batch duration: each batch spans less than 0.2 s.
    b.forEach((x) => expect(x.timestamps![x.length - 1]! - x.t0).toBeLessThan(0.2));
    await page.close();
  });

  it('fails with E_UNAVAILABLE when no motion event carries data', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const rec = t.collect(t.sdk.deviceMotionSource({ startTimeoutMs: 150 }));
      window.dispatchEvent(new DeviceMotionEvent('devicemotion', {})); // a sensorless device's event
      await t.until(() => rec.error, 2000, 'error');
      return rec.error;
    });
    expect(r).toMatchObject({ code: 'E_UNAVAILABLE' });
    await page.close();
  });

  it('runs the iOS permission flow: granted, denied, no user gesture, not needed', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      const D = DeviceMotionEvent as any;
      const code = async () => t.sdk.requestMotionPermission().then(() => 'ok', (e: any) => `${e.name}:${e.code}`);
      const out: Record<string, string> = {};
      out.none = await code();
      D.requestPermission = async () => 'granted';
      out.granted = await code();
      D.requestPermission = async () => 'denied';
      out.denied = await code();
      D.requestPermission = async () => {
        throw new DOMException('Requesting device orientation or motion access requires a user gesture', 'NotAllowedError');
      };
      out.gesture = await code();
      return out;
    });
    expect(r).toEqual({ none: 'ok', granted: 'ok', denied: 'SourceError:E_PERMISSION', gesture: 'SourceError:E_PERMISSION' });
    await page.close();
  });

  it('reads a Generic Sensor API accelerometer (fake class) at its real rate; maps errors', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const t = (window as any).t;
      class FakeAccelerometer extends EventTarget {
        static last: FakeAccelerometer;
        x: number | null = null;
        y: number | null = null;
        z: number | null = null;
        timestamp: number | null = null;
        started = false;
        stopped = false;
        constructor(readonly options: unknown) {
          super();
          FakeAccelerometer.last = this;
        }
        start() {
          this.started = true;
        }
        stop() {
          this.stopped = true;
        }
        emit(x: number, y: number, z: number, ts: number) {
          Object.assign(this, { x, y, z, timestamp: ts });
          this.dispatchEvent(new Event('reading'));
        }
      }
      (window as any).Accelerometer = FakeAccelerometer;
      const rec = t.collect(t.sdk.accelerometerSource({ frequency: 50, warmupSeconds: 0.3, batchSeconds: 0.1 }));
      const sensor = FakeAccelerometer.last;
      for (let i = 0; i < 60; i++) sensor.emit(i, 0, 9.8, 1000 + i * 20.5); // 48.78 Hz, not the 50 asked
      rec.sub.unsubscribe();
      const denied = t.collect(t.sdk.accelerometerSource());
      FakeAccelerometer.last.dispatchEvent(Object.assign(new Event('error'), { error: new DOMException('denied', 'NotAllowedError') }));
      (window as any).Gyroscope = undefined; // a browser without the API
      const noGyro = t.collect(t.sdk.gyroscopeSource());
      return {
        batches: rec.items.map(t.plain),
        options: sensor.options,
        started: sensor.started,
        stopped: sensor.stopped,
        origin: performance.timeOrigin,
        denied: denied.error,
        noGyro: noGyro.error,
      };
    });
    const b = r.batches as Plain[];
    expect(r.options).toEqual({ frequency: 50, referenceFrame: 'device' });
    expect([r.started, r.stopped]).toEqual([true, true]);
    expect(b[0]!.kind).toBe('acc');
    expect(b[0]!.channels).toEqual(['ax m/s^2', 'ay m/s^2', 'az m/s^2']);
    expect(b[0]!.rate).toBeCloseTo(1000 / 20.5, 3);
    expect(b[0]!.timestamps![0]).toBeCloseTo((r.origin + 1000) / 1000, 6);
    expect(b.flatMap((x) => x.data.filter((_, i) => i % 3 === 0))).toEqual(Array.from({ length: b.reduce((n, x) => n + x.length, 0) }, (_, i) => i));
    expect(r.denied).toMatchObject({ code: 'E_PERMISSION' });
    expect(r.noGyro).toMatchObject({ code: 'E_UNAVAILABLE' });
    await page.close();
  });
});
