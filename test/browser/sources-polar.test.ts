// Polar H10 source against a fake sensor (pages/fake-polar.ts: PMD control point answering
// get-settings/start/stop, data frames): settings, ECG and ACC streams with rebuilt timestamps and
// units, stop on the sensor, reconnect with restart and gap marker, refused start.
// Runs in real Chromium (see sources-setup.ts and pages/sources.ts).
import { describe, expect, it } from 'vitest';
import { useSourcesPage, type Plain } from './sources-setup.js';

const inPage = useSourcesPage();

describe('Polar H10 source', () => {
  it('queries settings, streams ECG and ACC with rebuilt timestamps and units, stops each on the sensor', async () => {
    const r = await inPage(async (t) => {
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
      p.data.notify(
        t.polar.accDeltaFrame(base + 15_000_000n, [
          [0, 0, 1000],
          [1, -1, 1001],
          [3, -3, 1000],
        ]),
      );
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
    expect(r.writes.filter((w: number[]) => w[0] === 3)).toEqual([
      [0x03, 0x00],
      [0x03, 0x02],
    ]);
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
  });

  it('restarts the measurement after a reconnect and marks the gap; answers "already running" with stop + start', async () => {
    const r = await inPage(async (t) => {
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
  });

  it('reports a refused start as E_PROTOCOL with the sensor status', async () => {
    const r = await inPage(async (t) => {
      const p = t.polar.fakePolar();
      p.startStatus = 8;
      const rec = t.collect(t.sdk.polarH10(p.device).acc({ rate: 100 }));
      await t.until(() => rec.error, 3000, 'error');
      await t.until(() => !p.device.gatt.connected, 3000, 'release');
      return rec.error;
    });
    expect(r).toMatchObject({ code: 'E_PROTOCOL', details: { status: 8, statusName: 'invalid sample rate' } });
  });

  it('times out an unanswered command (E_TIMEOUT), retries, then fails with E_DISCONNECTED', async () => {
    const r = await inPage(async (t) => {
      const p = t.polar.fakePolar();
      p.cp.onWrite = undefined; // the control point never answers
      const opts = { reconnect: { retries: 1, initialDelayMs: 10, commandTimeoutMs: 100 } };
      const rec = t.collect(t.sdk.polarH10(p.device, opts).ecg());
      await t.until(() => rec.error, 5000, 'error');
      return { error: rec.error, connects: p.device.connects };
    });
    expect(r.error).toMatchObject({ code: 'E_DISCONNECTED', details: { attempts: 1, last: 'E_TIMEOUT' } });
    expect(r.connects).toBe(2);
  });

  it('restarts a measurement the sensor stopped on its own', async () => {
    const r = await inPage(async (t) => {
      const p = t.polar.fakePolar();
      const rec = t.collect(t.sdk.polarH10(p.device, { reconnect: { initialDelayMs: 10 } }).acc());
      await t.until(() => p.running.has(2), 3000, 'start');
      p.running.delete(2);
      p.cp.notify([0x01, 0x02]); // "online measurement stopped: ACC"
      await t.until(() => p.device.connects === 2 && p.running.has(2), 3000, 'restart');
      p.data.notify(t.polar.accFrame(1_000_000_000n, [0, 0, 1000]));
      await t.until(() => rec.items.length === 1, 3000, 'data after restart');
      rec.sub.unsubscribe();
      return { error: rec.error, starts: p.cp.writes.filter((w: number[]) => w[0] === 2).length };
    });
    expect(r.error).toBeUndefined();
    expect(r.starts).toBe(2);
  });
});
