// Windows handed to an encoder: the wrong kind, shape or magnitude is a typed error, never NaN out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleWindow } from '../../src/core/window.js';
import { InputError, SdkError } from '../../src/errors.js';
import type { Encoder } from '../../src/model/encoder.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { WindowPacker, MAX_MODEL_INPUT } from '../../src/model/pack.js';
import { buildFixtureModel } from './fixture-model.js';
import { fixtureWindow } from './helpers.js';

const m = buildFixtureModel();

describe('WindowPacker input checks', () => {
  const packer = new WindowPacker(m.entry);
  const out = new Float32Array(packer.windowSize);
  const good = fixtureWindow(m, 0);
  const codeOf = (w: unknown) => {
    try {
      packer.pack(w as SampleWindow, out, 0);
      return 'none';
    } catch (err) {
      return err instanceof SdkError ? err.code : `other: ${String(err)}`;
    }
  };

  it('refuses windows of the wrong kind, shape or rate with a code', () => {
    const cases: [string, unknown, string][] = [
      ['good', good, 'none'],
      ['null', null, 'E_SHAPE'],
      ['no data', { ...good, data: undefined }, 'E_SHAPE'],
      ['no channels', { ...good, channels: undefined }, 'E_SHAPE'],
      ['ecg kind', { ...good, kind: 'ecg' }, 'E_SHAPE'],
      ['hr kind', { ...good, kind: 'hr' }, 'E_SHAPE'],
      ['short', { ...good, length: good.length - 1, data: good.data.subarray(good.channels.length) }, 'E_SHAPE'],
      ['rate', { ...good, rate: good.rate * 2 }, 'E_RATE'],
      ['NaN', { ...good, data: good.data.map((v, i) => (i === 5 ? Number.NaN : v)) }, 'E_NAN'],
    ];
    for (const [what, w, code] of cases) expect(codeOf(w), what).toBe(code);
  });

  it('refuses magnitudes the model cannot take with E_RANGE naming the limit, for every power of ten up to float32 max', () => {
    let tried = 0;
    let typed = 0;
    for (let p = 0; p <= 38; p++) {
      const v = Math.fround(10 ** p);
      tried++;
      const w = { ...good, data: good.data.map((x, i) => (i === 7 ? v : x)) };
      let err: unknown;
      try {
        packer.pack(w, out, 0);
      } catch (e) {
        err = e;
      }
      if (err === undefined) {
        expect(
          out.every((x) => Math.abs(x) <= MAX_MODEL_INPUT),
          String(v),
        ).toBe(true);
      } else {
        expect(err, String(v)).toBeInstanceOf(InputError);
        expect((err as InputError).code).toBe('E_RANGE');
        expect((err as InputError).message).toContain(String(MAX_MODEL_INPUT));
      }
      typed++;
    }
    expect(typed).toBe(tried);
  });
});

describe('the shipped imu encoder', () => {
  let encoder: Encoder;
  beforeAll(async () => {
    encoder = await createNodeEncoder({ model: 'imu', worker: false });
  });
  afterAll(() => encoder.close());

  it('gives finite embeddings or E_RANGE for finite inputs of any size, and refuses an ecg window', async () => {
    const e = encoder.entry;
    let tried = 0;
    let ok = 0;
    for (const v of [1, 100, 1e5, 1e10, 1e20, 1e30, 3e38, -3e38]) {
      tried++;
      const data = new Float32Array(e.windowSamples * 6).map((_, i) => (i % 7 === 0 ? v : Math.sin(i)));
      const w: SampleWindow = {
        kind: 'imu',
        channels: e.channels,
        rate: e.sampleRate,
        t0: 0,
        start: 0,
        length: e.windowSamples,
        seq: 0,
        data,
      };
      const r = await encoder.embed([w]).catch((err: unknown) => err);
      if (r instanceof SdkError) {
        expect(r.code, String(v)).toBe('E_RANGE');
        ok++;
      } else {
        const [res] = r as Awaited<ReturnType<Encoder['embed']>>;
        expect([...res!.inv, ...res!.var, ...res!.free].every(Number.isFinite), String(v)).toBe(true);
        ok++;
      }
    }
    expect(ok).toBe(tried);
    const ecg = {
      kind: 'ecg',
      channels: e.channels,
      rate: e.sampleRate,
      t0: 0,
      start: 0,
      length: e.windowSamples,
      seq: 0,
      data: new Float32Array(e.windowSamples * 6),
    } as SampleWindow;
    const err = await encoder.embed([ecg]).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('E_SHAPE');
  });
});
