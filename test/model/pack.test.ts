import { describe, expect, it } from 'vitest';
import type { SampleWindow } from '../../src/core/window.js';
import { InputError } from '../../src/errors.js';
import type { ModelEntry } from '../../src/model/manifest.js';
import { unitFactor, WindowPacker } from '../../src/model/pack.js';
import { buildFixtureModel } from './fixture-model.js';

const base = buildFixtureModel().entry;
const T = 8;
const acc = (layout: 'NCT' | 'NTC', normalize: ModelEntry['preprocessing']['normalize'] = 'none', extra = {}): ModelEntry => ({
  ...base,
  windowSamples: T,
  channels: [
    { name: 'ax', unit: 'g' },
    { name: 'az', unit: 'g' },
  ],
  input: { name: 'x', layout },
  preprocessing: { ...base.preprocessing, normalize, ...extra },
});

// A stream window with 3 channels (ax, ay, az in m/s²); frame i holds (i, 100 + i, 2i).
function window(overrides: Partial<SampleWindow> = {}): SampleWindow {
  const data = new Float32Array(T * 3);
  for (let i = 0; i < T; i++) data.set([i, 100 + i, 2 * i], i * 3);
  const channels = [
    { name: 'ax', unit: 'm/s^2' as const },
    { name: 'ay', unit: 'm/s^2' as const },
    { name: 'az', unit: 'm/s^2' as const },
  ];
  return { kind: 'acc', channels, rate: 50, t0: 0, start: 0, length: T, seq: 3, data, ...overrides };
}

const codeOf = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return err instanceof InputError ? err.code : String(err);
  }
  return 'none';
};

describe('unitFactor', () => {
  it('converts between units of the same quantity and refuses others', () => {
    expect(unitFactor('g', 'm/s^2')).toBe(9.80665);
    expect(unitFactor('m/s^2', 'g')).toBeCloseTo(1 / 9.80665, 12);
    expect(unitFactor('deg/s', 'rad/s')).toBeCloseTo(Math.PI / 180, 15);
    expect(unitFactor('uV', 'mV')).toBe(0.001);
    expect(codeOf(() => unitFactor('g', 'rad/s'))).toBe('E_UNIT');
  });
});

describe('WindowPacker', () => {
  it('picks the model channels by name, converts units and lays out NCT', () => {
    const out = new Float32Array(2 * 2 * T).fill(NaN);
    new WindowPacker(acc('NCT')).pack(window(), out, 1);
    const g = 9.80665;
    const want = [...Array.from({ length: T }, (_, i) => i / g), ...Array.from({ length: T }, (_, i) => (2 * i) / g)];
    expect(Array.from(out.subarray(0, 2 * T)).every(Number.isNaN)).toBe(true); // slot 0 untouched
    Array.from(out.subarray(2 * T)).forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
  });

  it('lays out NTC (time-major) when the manifest says so', () => {
    const out = new Float32Array(2 * T);
    new WindowPacker(acc('NTC')).pack(window(), out, 0);
    for (let i = 0; i < T; i++) {
      expect(out[i * 2]).toBeCloseTo(i / 9.80665, 5);
      expect(out[i * 2 + 1]).toBeCloseTo((2 * i) / 9.80665, 5);
    }
  });

  it('z-scores each channel over the window, then applies offset and scale', () => {
    const out = new Float32Array(2 * T);
    new WindowPacker(acc('NCT', 'zscore', { offset: [1, 0], scale: [2, 1] })).pack(window(), out, 0);
    // frames 0..7: mean 3.5, population std sqrt(5.25); unit conversion cancels out in a z-score
    const sd = Math.sqrt(5.25);
    for (let i = 0; i < T; i++) {
      expect(out[i]).toBeCloseTo(((i - 3.5) / sd - 1) / 2, 5);
      expect(out[T + i]).toBeCloseTo((i - 3.5) / sd, 5);
    }
  });

  it('rejects wrong rates, lengths, missing channels and non-finite samples with codes', () => {
    const p = new WindowPacker(acc('NCT'));
    const out = new Float32Array(2 * T);
    expect(codeOf(() => p.pack(window({ rate: 52 }), out, 0))).toBe('E_RATE');
    expect(codeOf(() => p.pack(window({ length: T - 1, data: new Float32Array((T - 1) * 3) }), out, 0))).toBe('E_SHAPE');
    expect(
      codeOf(() =>
        p.pack(
          window({
            channels: [
              { name: 'ax', unit: 'g' },
              { name: 'ay', unit: 'g' },
              { name: 'q', unit: 'g' },
            ],
          }),
          out,
          0,
        ),
      ),
    ).toBe('E_SHAPE');
    expect(
      codeOf(() =>
        p.pack(
          window({
            channels: [
              { name: 'ax', unit: 'rad/s' },
              { name: 'ay', unit: 'g' },
              { name: 'az', unit: 'g' },
            ],
          }),
          out,
          0,
        ),
      ),
    ).toBe('E_UNIT');
    const w = window();
    w.data[5 * 3 + 2] = NaN;
    expect(codeOf(() => p.pack(w, out, 0))).toBe('E_NAN');
  });
});
