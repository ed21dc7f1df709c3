// Phone motion sources against dispatched DeviceMotionEvents and a fake Generic Sensor
// Accelerometer class: measured rate, units, timestamps, iOS permission flow, typed errors.
// Runs in real Chromium (see sources-setup.ts and pages/sources.ts).
import { describe, expect, it } from 'vitest';
import { measuredRate } from '../../src/core/timing.js';
import { useSourcesPage, type Plain } from './sources-setup.js';

const inPage = useSourcesPage();

describe('phone motion sources', () => {
  it('batches dispatched DeviceMotionEvents: measured rate, rad/s, per-event timestamps', async () => {
    const r = await inPage(async (t) => {
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
        await t.sleep(8); // the spacing of the events is the input under test (a measured rate), not a wait
      }
      rec.sub.unsubscribe();
      return { batches: rec.items.map(t.plain), stamps, origin: performance.timeOrigin, error: rec.error };
    });
    expect(r.error).toBeUndefined();
    const b = r.batches as Plain[];
    expect(b.length).toBeGreaterThan(3);
    expect(b[0]!.kind).toBe('imu');
    expect(b[0]!.channels).toEqual(['ax m/s^2', 'ay m/s^2', 'az m/s^2', 'gx rad/s', 'gy rad/s', 'gz rad/s']);
    expect(b[0]!.data.slice(0, 6).map((v) => +v.toFixed(5))).toEqual([
      0,
      9.81,
      -1,
      +Math.PI.toFixed(5),
      +(-Math.PI / 4).toFixed(5),
      +(Math.PI / 2).toFixed(5),
    ]);
    // Every event is there, in order, at its own time.
    const ts = b.flatMap((x) => x.timestamps!);
    const emitted = b.reduce((n, x) => n + x.length, 0);
    expect(ts).toEqual(r.stamps.slice(0, emitted).map((s: number) => (r.origin + s) / 1000));
    expect(emitted).toBeGreaterThan(100);
    // The rate is measured from the events (not their nominal 16 ms interval) and constant:
    // the timing model's measured rate of the events held during the 0.5 s warm-up (the first
    // event and every event up to the one that makes the held span reach 0.5 s). A loaded test
    // machine can stall the dispatch loop; the timing model leaves such gaps out.
    const secs: number[] = r.stamps.map((s: number) => (r.origin + s) / 1000);
    const end = secs.findIndex((s) => s - secs[0]! >= 0.5);
    const measured = measuredRate(secs.slice(0, end + 1));
    expect(new Set(b.map((x) => x.rate)).size).toBe(1);
    expect(Math.abs(b[0]!.rate - measured) / measured).toBeLessThan(0.02);
    expect(Math.abs(b[0]!.rate - 62.5)).toBeGreaterThan(5);
    // Fixed batch duration: each batch spans less than 0.2 s.
    b.forEach((x) => expect(x.timestamps![x.length - 1]! - x.t0).toBeLessThan(0.2));
  });

  it('fails with E_UNAVAILABLE when no motion event carries data', async () => {
    const r = await inPage(async (t) => {
      const rec = t.collect(t.sdk.deviceMotionSource({ startTimeoutMs: 150 }));
      window.dispatchEvent(new DeviceMotionEvent('devicemotion', {})); // a sensorless device's event
      await t.until(() => rec.error, 2000, 'error');
      return rec.error;
    });
    expect(r).toMatchObject({ code: 'E_UNAVAILABLE' });
  });

  it('runs the iOS permission flow: granted, denied, no user gesture, not needed', async () => {
    const r = await inPage(async (t) => {
      const D = DeviceMotionEvent as any;
      const code = async () =>
        t.sdk.requestMotionPermission().then(
          () => 'ok',
          (e: any) => `${e.name}:${e.code}`,
        );
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
  });

  it('reads a Generic Sensor API accelerometer (fake class) at its real rate; maps errors', async () => {
    const r = await inPage(async (t) => {
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
    expect(b.flatMap((x) => x.data.filter((_, i) => i % 3 === 0))).toEqual(
      Array.from({ length: b.reduce((n, x) => n + x.length, 0) }, (_, i) => i),
    );
    expect(r.denied).toMatchObject({ code: 'E_PERMISSION' });
    expect(r.noGyro).toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});
