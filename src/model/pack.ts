import { STANDARD_GRAVITY, type ChannelInfo, type Unit } from '../core/batch.js';
import type { SampleWindow } from '../core/window.js';
import { InputError } from '../errors.js';
import type { ModelEntry } from './manifest.js';

const TO_SI: Partial<Record<Unit, [base: string, factor: number]>> = {
  'm/s^2': ['acc', 1],
  g: ['acc', STANDARD_GRAVITY],
  'rad/s': ['rate', 1],
  'deg/s': ['rate', Math.PI / 180],
  mV: ['volt', 1],
  uV: ['volt', 1e-3],
};

/**
 * Factor that converts a value in unit `from` to unit `to` (`g` ↔ `m/s^2`, `deg/s` ↔ `rad/s`,
 * `uV` ↔ `mV`, or 1 for equal units).
 *
 * @param from - unit of the data
 * @param to - unit wanted
 * @throws InputError `E_UNIT` when the units measure different things
 * @example
 * ```ts
 * import { unitFactor } from 'scl-wear/advanced';
 * unitFactor('g', 'm/s^2'); // 9.80665
 * ```
 */
export function unitFactor(from: Unit, to: Unit): number {
  if (from === to) return 1;
  const a = TO_SI[from];
  const b = TO_SI[to];
  if (!a || !b || a[0] !== b[0]) throw new InputError('E_UNIT', `cannot convert ${from} to ${to}`, { details: { from, to } });
  return a[1] / b[1];
}

/**
 * Largest magnitude of a model input value (after unit conversion, normalisation and the
 * manifest's offset and scale). Real sensors stay far below it; beyond it the encoders' float32
 * arithmetic overflows into non-finite embeddings, so such windows are refused with `E_RANGE`.
 */
export const MAX_MODEL_INPUT = 1e6;

/** The sensor family of a kind: motion windows (acc, gyro, imu) feed motion models, ECG feeds ECG. */
const FAMILY: Readonly<Record<string, string>> = { ecg: 'ecg', acc: 'motion', gyro: 'motion', imu: 'motion', hr: 'hr' };
const familyOf = (kind: unknown) => (typeof kind === 'string' && Object.hasOwn(FAMILY, kind) ? FAMILY[kind]! : 'unknown');

interface Plan {
  /** For each model channel: index of the window channel it reads. */
  source: Int32Array;
  /** For each model channel: unit factor. */
  factor: Float64Array;
}

/**
 * Writes windows into a model input tensor: picks the model's channels by name from the window,
 * converts units, applies the manifest's per-window normalisation and fixed offset/scale, and
 * lays the values out as `NCT` or `NTC`. Allocates nothing per window (plans are cached per
 * channel list).
 *
 * @example
 * ```ts
 * import { WindowPacker } from 'scl-wear/advanced';
 * const packer = new WindowPacker(entry);
 * const input = new Float32Array(windows.length * packer.windowSize);
 * windows.forEach((w, i) => packer.pack(w, input, i));
 * ```
 */
export class WindowPacker {
  /** Values per window in the input tensor (channels × samples). */
  readonly windowSize: number;
  private readonly plans = new WeakMap<readonly ChannelInfo[], Plan>();
  private readonly nc: number;
  private readonly nt: number;

  /** @param entry - the model's manifest entry */
  constructor(readonly entry: ModelEntry) {
    this.nc = entry.channels.length;
    this.nt = entry.windowSamples;
    this.windowSize = this.nc * this.nt;
  }

  /**
   * Checks one window and writes it into slot `slot` of `out`.
   *
   * @param w - the window (model rate, model length, channels named like the model's)
   * @param out - the input tensor, at least `(slot + 1) * windowSize` values
   * @param slot - position of the window in the batch
   * @throws InputError `E_RATE` (rate differs from the model's), `E_SHAPE` (not a window, a
   *   kind the model does not read, the wrong length or a missing channel), `E_UNIT`
   *   (unconvertible unit), `E_NAN` (a non-finite sample), `E_RANGE` (a model input value beyond
   *   ±`MAX_MODEL_INPUT`)
   */
  pack(w: SampleWindow, out: Float32Array, slot: number): void {
    const e = this.entry;
    const x = w as Partial<SampleWindow> | null;
    if (typeof x !== 'object' || x === null || !(x.data instanceof Float32Array) || !Array.isArray(x.channels)) {
      throw new InputError(
        'E_SHAPE',
        `expected a window (channels, Float32Array data, length, rate); got ${x === null ? 'null' : typeof x !== 'object' ? typeof x : 'an object without them'}`,
      );
    }
    if (familyOf(w.kind) !== familyOf(e.kind)) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- the window comes from the caller at run time
      const kind = String(w.kind);
      throw new InputError(
        'E_SHAPE',
        `window ${w.seq} is of kind "${kind}"; model ${e.file} reads ${familyOf(e.kind)} windows (kind ${e.kind})`,
        { details: { kind: w.kind, expected: e.kind } },
      );
    }
    if (Math.abs(w.rate - e.sampleRate) > 1e-6 * e.sampleRate) {
      throw new InputError('E_RATE', `window rate ${w.rate} Hz differs from the model's ${e.sampleRate} Hz (resample first)`, {
        details: { rate: w.rate, expected: e.sampleRate },
      });
    }
    if (w.length !== this.nt || w.data.length !== w.length * w.channels.length) {
      throw new InputError('E_SHAPE', `window has ${w.length} frames (${w.data.length} values); the model wants ${this.nt} frames`, {
        details: { length: w.length, expected: this.nt },
      });
    }
    const plan = this.plan(w.channels);
    const { nc, nt } = this;
    const stride = w.channels.length;
    const base = slot * this.windowSize;
    const nct = e.input.layout === 'NCT';
    const norm = e.preprocessing.normalize;
    const { offset, scale } = e.preprocessing;
    for (let c = 0; c < nc; c++) {
      const src = plan.source[c]!;
      const f = plan.factor[c]!;
      let sum = 0;
      for (let t = 0, j = src; t < nt; t++, j += stride) {
        const v = w.data[j]!;
        if (!Number.isFinite(v)) {
          throw new InputError('E_NAN', `window ${w.seq}: non-finite sample at frame ${t} of channel ${w.channels[src]!.name}`, {
            details: { seq: w.seq, frame: t, channel: src },
          });
        }
        sum += v;
      }
      const shift = norm === 'none' ? 0 : sum / nt;
      let gain = f;
      if (norm === 'zscore') {
        // Two passes (deviations from the mean): exact for large offsets where sum of squares cancels.
        let sq = 0;
        for (let t = 0, j = src; t < nt; t++, j += stride) sq += (w.data[j]! - shift) ** 2;
        gain = 1 / (Math.sqrt(sq / nt) + 1e-6 / f);
      }
      // y = ((v - shift) * gain - offset) / scale
      const o = offset ? offset[c]! : 0;
      const s = scale ? scale[c]! : 1;
      const a = gain / s;
      const b = o / s;
      const step = nct ? 1 : nc;
      let k = nct ? base + c * nt : base + c;
      for (let t = 0, j = src; t < nt; t++, j += stride, k += step) {
        const y = (w.data[j]! - shift) * a - b;
        if (!(Math.abs(y) <= MAX_MODEL_INPUT)) {
          throw new InputError(
            'E_RANGE',
            `window ${w.seq}: channel ${w.channels[src]!.name} at frame ${t} gives model input ${y}, beyond ±${MAX_MODEL_INPUT} (value ${w.data[j]} ${w.channels[src]!.unit}; check the unit)`,
            {
              details: { seq: w.seq, frame: t, channel: src, value: w.data[j], limit: MAX_MODEL_INPUT },
            },
          );
        }
        out[k] = y;
      }
    }
  }

  private plan(channels: readonly ChannelInfo[]): Plan {
    let p = this.plans.get(channels);
    if (p) return p;
    p = { source: new Int32Array(this.nc), factor: new Float64Array(this.nc) };
    this.entry.channels.forEach((want, c) => {
      const i = channels.findIndex((ch) => ch.name === want.name);
      if (i < 0) {
        throw new InputError(
          'E_SHAPE',
          `window has no channel "${want.name}" (has ${channels.map((ch) => ch.name).join(', ')}); the model reads ${this.entry.channels.map((ch) => ch.name).join(', ')}`,
          {
            details: { missing: want.name },
          },
        );
      }
      p.source[c] = i;
      p.factor[c] = unitFactor(channels[i]!.unit, want.unit);
    });
    this.plans.set(channels, p);
    return p;
  }
}
