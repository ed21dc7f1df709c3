import { describe, expect, it } from 'vitest';
import { detectRPeaks } from '../../src/dsp/detect-rpeaks.js';
import { RPeakDetector } from '../../src/dsp/rpeak-detector.js';
import { rpeaks, type RPeak } from '../../src/streams/rpeaks.js';
import { excerpt } from '../dsp/ecg-fixtures.js';
import { ACC, batch, collect, errorCode, scheduler, split, values } from './helpers.js';

describe('rpeaks', () => {
  it('emits each peak in the batch where it is decided, the rest on completion; errors pass through; unsubscribes', async () => {
    const x = (await excerpt('119a')).x;
    const [a, b, c] = split(x, [2400], { rate: 360 });
    // What the detector alone decides after a, after b, after c, and at the end of the signal.
    const det = new RPeakDetector(360);
    const out = new Float64Array(det.capacityFor(2400));
    const step = (part?: Float32Array) => Array.from(out.subarray(0, part ? det.process(part, out) : det.flush(out)));
    const decided = [step(a!.data), step(b!.data), step(c!.data), step()];
    const vals: Record<string, RPeak> = {};
    let key = 0;
    const groups = decided.map((d) =>
      d.map((i) => {
        const name = String.fromCharCode(65 + key++);
        vals[name] = { index: i, time: (2400 * Math.floor(i / 2400)) / 360 + (i % 2400) / 360, afterBreak: key === 1 }; // batch t0 + offset
        return name;
      }),
    );
    expect(groups[1]!.length).toBeGreaterThan(0);
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const src = cold('a 99ms b 99ms c 99ms |', { a: a!, b: b!, c: c! });
      expectObservable(src.pipe(rpeaks())).toBe(
        timeline([
          [0, groups[0]!],
          [100, groups[1]!],
          [200, groups[2]!],
          [300, groups[3]!, '|'],
        ]),
        vals,
      );
      const failing = cold('a 99ms #', { a: a! });
      expectObservable(failing.pipe(rpeaks())).toBe(
        timeline([
          [0, groups[0]!],
          [100, [], '#'],
        ]),
        vals,
      );
      const long = cold('a 99ms b 99ms c 99ms |', { a: a!, b: b!, c: c! });
      expectObservable(long.pipe(rpeaks()), '^ 150ms !').toBe(
        timeline([
          [0, groups[0]!],
          [100, groups[1]!],
        ]),
        vals,
      );
      expectSubscriptions(long.subscriptions).toBe('^ 150ms !');
    });
  });

  it('gives the same peaks, with times on the stream clock, whatever the batch sizes', async () => {
    const x = (await excerpt('232a')).x;
    const expected = Array.from(detectRPeaks(x, 360));
    for (const sizes of [[7200], [1, 359, 64], [360]]) {
      const peaks = values(split(x, sizes, { rate: 360, t0: 100 }), rpeaks());
      expect(peaks.map((p) => p.index)).toEqual(expected);
      peaks.forEach((p) => expect(p.time).toBeCloseTo(100 + p.index / 360, 9));
    }
  });

  it('takes microvolts and a named channel, and times peaks with per-frame timestamps', async () => {
    const x = (await excerpt('119a')).x;
    const twoLeads = new Float32Array(2 * x.length);
    x.forEach((v, i) => {
      twoLeads[2 * i] = 0;
      twoLeads[2 * i + 1] = v * 1000;
    });
    const channels = [
      { name: 'V1', unit: 'mV' as const },
      { name: 'MLII', unit: 'uV' as const },
    ];
    const timestamps = Float64Array.from({ length: x.length }, (_, i) => 5 + i / 360 + (i > 3600 ? 0.001 : 0));
    const b = { ...batch(twoLeads, { rate: 360, channels }), timestamps };
    const peaks = values([b], rpeaks({ channel: 'MLII' }));
    expect(peaks.map((p) => p.index)).toEqual(Array.from(detectRPeaks(x, 360)));
    peaks.forEach((p) => expect(p.time).toBe(timestamps[p.index]));
  });

  it('restarts at a gap and after lead-off, marking the next peak, and never errors on bad signal', async () => {
    const x = (await excerpt('119a')).x;
    const bad = x.slice();
    bad.fill(Number.NaN, 2000, 2720);
    bad[5000] = 1e7;
    const [a, b] = split(bad, [3600], { rate: 360 });
    const gapped = { ...b!, t0: b!.t0 + 30, gapBefore: 30 };
    const r = collect([a!, gapped, batch(new Float32Array(3600), { rate: 360, seq: 2, t0: 60 })], rpeaks());
    expect(r.error).toBeUndefined();
    expect(r.completed).toBe(true);
    const flagged = r.values.filter((p) => p.afterBreak).map((p) => p.index);
    expect(flagged[0]).toBeLessThan(360); // the first peak
    expect(flagged[1]).toBeGreaterThanOrEqual(2720); // first after the lead-off
    expect(flagged[2]).toBeGreaterThanOrEqual(3600); // first after the gap
    expect(r.values.find((p) => p.index >= 3600)!.time).toBeGreaterThan(40);
    expect(r.values.filter((p) => p.index >= 7200)).toEqual([]); // the flat batch
  });

  it('errors the stream with E_RATE, E_UNIT or E_SHAPE for unusable streams', () => {
    expect(errorCode([batch(new Float32Array(100), { rate: 50 })], rpeaks())).toBe('E_RATE');
    expect(errorCode([batch(new Float32Array(300), { rate: 100, channels: ACC })], rpeaks())).toBe('E_SHAPE');
    expect(errorCode([batch(new Float32Array(300), { rate: 100, channels: ACC })], rpeaks({ channel: 'ax' }))).toBe('E_UNIT');
    expect(errorCode([batch(new Float32Array(100), { rate: 250 }), batch(new Float32Array(100), { rate: 360, seq: 1 })], rpeaks())).toBe(
      'E_RATE',
    );
  });
});

/** A marble diagram with the given emissions (and a final `|` or `#`) at the given frames. */
function timeline(events: [frame: number, names: string[], end?: string][]): string {
  let marble = '';
  let now = 0;
  for (const [frame, names, end] of events) {
    const items = names.join('') + (end ?? '');
    if (!items) continue;
    if (frame > now) marble += ` ${frame - now}ms `;
    marble += items.length > 1 ? `(${items})` : items;
    now = frame + (items.length > 1 ? items.length + 2 : 1);
  }
  return marble;
}
