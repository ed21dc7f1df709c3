// Web Bluetooth device choice and the heart-rate source against a fake `navigator.bluetooth`
// device (pages/fake-bluetooth.ts): connect, notifications, drop, reconnect with a gap marker,
// retries exhausted, typed errors, and release of the device on unsubscribe.
// Runs in real Chromium (see sources-setup.ts and pages/sources.ts).
import { describe, expect, it } from 'vitest';
import { useSourcesPage, type Plain } from './sources-setup.js';

const inPage = useSourcesPage();

describe('Web Bluetooth: choosing a device', () => {
  it('maps a missing API, a cancelled chooser and a refused gesture to typed errors', async () => {
    const r = await inPage(async (t) => {
      const out: Record<string, unknown> = {};
      const code = async (f: () => Promise<unknown>) =>
        f().then(
          () => 'ok',
          (e: any) => `${e.name}:${e.code}`,
        );
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
    expect(r.polarFilter).toEqual({
      filters: [{ namePrefix: 'Polar' }],
      optionalServices: ['fb005c80-02e7-f387-1cad-8acd2d8df0c8', 0x180d],
    });
  });
});

describe('heart-rate source', () => {
  it('streams HR and RR, reconnects after a drop with a gap marker, and releases the device on unsubscribe', async () => {
    const r = await inPage(async (t) => {
      const p = t.polar.fakePolar();
      const hr = t.sdk.heartRateSource(p.device, { reconnect: { initialDelayMs: 20, retries: 3 } });
      const rate = t.collect(hr.heartRate$);
      const rr = t.collect(hr.rr$);
      const states = t.collect(hr.status$);
      await t.until(() => p.hr.notifying, 3000, 'HR notifications');
      const sent: number[] = [];
      p.hr.notify([0x10, 60, 0x80, 0x00]); // 60 bpm, RR 128/1024 s = 125 ms
      sent.push(performance.now());
      await t.sleep(180); // the arrival time of the next notification is the input under test, not a wait
      p.hr.notify([0x16, 61, 0x80, 0x00, 0x40, 0x00]); // contact detected, RR 125 ms and 62.5 ms
      sent.push(performance.now());
      await t.until(() => rr.items.length === 2, 3000, 'two RR batches');
      p.device.refuseConnects = 2; // the first two reconnection attempts fail
      p.device.linkDown();
      await t.until(() => p.hr.notifying && p.device.connects === 2, 5000, 'reconnection');
      await t.sleep(1500); // the length of the outage is the input under test (the gap), not a wait
      p.hr.notify([0x10, 62, 0x80, 0x00]);
      sent.push(performance.now());
      await t.until(() => rr.items.length === 3 && rate.items.length === 3, 3000, 'batches after reconnect');
      const logBeforeStop = p.device.log.length;
      rate.sub.unsubscribe();
      rr.sub.unsubscribe();
      await t.until(() => states.items.at(-1)?.state === 'idle' && p.device.log.at(-1) === 'link down', 3000, 'release');
      // A reconnection after the release would start within initialDelayMs (20 ms): this window
      // gives it ten times that to show, as the check that nothing happens cannot await an event.
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
  });

  it('fails with E_DISCONNECTED once the reconnection attempts are exhausted', async () => {
    const r = await inPage(async (t) => {
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
  });

  it('reports a device without the service as E_UNAVAILABLE and a malformed notification as E_PROTOCOL', async () => {
    const r = await inPage(async (t) => {
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
  });
});
