import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SampleWindow } from '../../src/core/window.js';
import { ModelError } from '../../src/errors.js';
import { BatchingEncoder, softmaxInPlace } from '../../src/model/batching-encoder.js';
import type { InferenceBackend } from '../../src/model/encoder.js';
import type { ModelEntry } from '../../src/model/manifest.js';
import type { RunOutput } from '../../src/model/runtime.js';

const entry: ModelEntry = {
  file: 'fake.onnx',
  sha256: '0'.repeat(64),
  kind: 'ecg',
  channels: [{ name: 'ecg', unit: 'mV' }],
  sampleRate: 100,
  windowSamples: 4,
  input: { name: 'x', layout: 'NCT' },
  outputs: { embedding: 'e', logits: 'l' },
  embedding: { dim: 4, inv: [0, 2], var: [2, 3], free: [3, 4] },
  classes: ['a', 'b'],
  preprocessing: { gravity: 'keep', normalize: 'none', calibration: 'none' },
};

const win = (value: number, seq = 0): SampleWindow => ({
  kind: 'ecg',
  channels: [{ name: 'ecg', unit: 'mV' }],
  rate: 100,
  t0: seq,
  start: seq * 100,
  length: 4,
  seq,
  data: new Float32Array(4).fill(value),
});

/** Backend whose embedding of a window is [s, s+1, s+2, s+3] with s the window's sum; logits [0, ln 3]. */
class FakeBackend implements InferenceBackend {
  device = 'wasm' as const;
  reason = 'fake';
  batches: number[][] = [];
  failures: ModelError[] = [];
  gate: Promise<void> | undefined;
  closed = false;
  async run(input: Float32Array, n: number): Promise<RunOutput> {
    const sums = Array.from({ length: n }, (_, i) => input.subarray(i * 4, i * 4 + 4).reduce((a, b) => a + b, 0));
    this.batches.push(sums);
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (this.gate) await this.gate;
    const e = new Float32Array(n * 4);
    const l = new Float32Array(n * 2);
    sums.forEach((s, i) => e.set([s, s + 1, s + 2, s + 3], i * 4));
    for (let i = 0; i < n; i++) l.set([0, Math.log(3)], i * 2);
    return { input, outputs: { e, l }, dims: { e: [n, 4], l: [n, 2] } };
  }
  async close() {
    this.closed = true;
  }
}

afterEach(() => vi.useRealTimers());

describe('BatchingEncoder with a group head', () => {
  it('answers the group with its probabilities, not a class, and divides the logits by the temperatures', async () => {
    const grouped: ModelEntry = {
      ...entry,
      kind: 'imu',
      outputs: { embedding: 'e', logits: 'l', groupLogits: 'g' },
      groups: { names: ['moving', 'still'], ofClass: [0, 1] },
      temperature: { classes: 2, groups: 0.5 },
    };
    // Group logits [ln 2, 0] beside the class logits [0, ln 3].
    const be = new FakeBackend();
    const run = be.run.bind(be);
    be.run = async (input, n) => {
      const r = await run(input, n);
      const g = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) g.set([Math.log(2), 0], i * 2);
      return { input, outputs: { ...r.outputs, g }, dims: { ...r.dims, g: [n, 2] } };
    };
    const [r] = await new BatchingEncoder(be, grouped).classify([{ ...win(1), kind: 'imu' }]);
    // softmax([0, ln 3] / 2) = [1, √3] / (1 + √3); softmax([ln 2, 0] / 0.5) = [4, 1] / 5.
    expect(r!.probs[1]).toBeCloseTo(Math.sqrt(3) / (1 + Math.sqrt(3)), 6);
    expect(Array.from(r!.groupProbs!).map((p) => +p.toFixed(6))).toEqual([0.8, 0.2]);
    expect([r!.label, r!.group, r!.calibrated, r!.labelIndex]).toEqual(['moving', 'moving', false, 1]);
  });
});

describe('BatchingEncoder', () => {
  it('merges calls of one tick into batches of at most maxSize and splits the results back', async () => {
    const be = new FakeBackend();
    const enc = new BatchingEncoder(be, entry, { maxSize: 2 });
    const [a, b] = await Promise.all([enc.classify([win(1, 0), win(2, 1)]), enc.classify([win(3, 2)])]);
    expect(be.batches).toEqual([[4, 8], [12]]);
    expect(a.map((r) => r.seq)).toEqual([0, 1]);
    const r = b[0]!;
    expect(Array.from(r.embedding)).toEqual([12, 13, 14, 15]);
    expect([Array.from(r.inv), Array.from(r.var), Array.from(r.free)]).toEqual([[12, 13], [14], [15]]);
    expect(r.inv.buffer).toBe(r.embedding.buffer); // views, not copies
    expect(Array.from(r.probs).map((p) => +p.toFixed(6))).toEqual([0.25, 0.75]);
    expect([r.label, r.labelIndex, r.t0, r.t1, r.start]).toEqual(['b', 1, 2, 2.04, 200]);
  });

  /** One window queued on a fake clock 1 ms short of maxDelayMs (1000 ms): nothing has run yet. */
  async function queuedShortOfDelay() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }); // undone after each test
    const be = new FakeBackend();
    const enc = new BatchingEncoder(be, entry, { maxSize: 8, maxDelayMs: 1000 });
    const first = enc.embed([win(1)]);
    await vi.advanceTimersByTimeAsync(999);
    expect(be.batches).toEqual([]);
    return { be, enc, first };
  }

  it('waits up to maxDelayMs for more windows before running', async () => {
    const { be, enc, first } = await queuedShortOfDelay();
    const all = Promise.all([first, enc.embed([win(2)]), enc.embed(Array.from({ length: 6 }, () => win(0)))]);
    await all; // the 8th window fills the batch: it runs without waiting out the delay
    expect(be.batches.map((b) => b.length)).toEqual([8]);
  });

  it('runs a window that stays alone once maxDelayMs is out', async () => {
    const { be, first } = await queuedShortOfDelay();
    await vi.advanceTimersByTimeAsync(1);
    await first;
    expect(be.batches).toEqual([[4]]);
  });

  it('keeps at most maxInFlight batches running and queues the rest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }); // undone after each test
    const be = new FakeBackend();
    let open!: () => void;
    be.gate = new Promise((r) => (open = r));
    const enc = new BatchingEncoder(be, entry, { maxSize: 1, maxInFlight: 2 });
    const all = Promise.all([1, 2, 3, 4].map((v) => enc.embed([win(v)])));
    await vi.runAllTimersAsync(); // the encoder's timers and the work they started have run out: only the gate holds it
    expect(be.batches.length).toBe(2);
    open();
    await all;
    expect(be.batches.map((b) => b[0])).toEqual([4, 8, 12, 16]);
  });

  it('rejects only the call holding a bad window', async () => {
    const be = new FakeBackend();
    const enc = new BatchingEncoder(be, entry);
    const bad = win(1);
    bad.data[2] = NaN;
    const [ok, failed] = await Promise.allSettled([enc.embed([win(1)]), enc.embed([win(2), bad])]);
    expect(ok.status).toBe('fulfilled');
    expect(failed.status === 'rejected' && failed.reason.code).toBe('E_NAN');
    expect(be.batches).toEqual([[4, 8]]);
  });

  it('re-sends a batch after the worker was restarted, and fails it when restart is off', async () => {
    const be = new FakeBackend();
    be.failures.push(new ModelError('E_WORKER', 'died', { details: { retry: true } }));
    const enc = new BatchingEncoder(be, entry);
    const rs = await enc.embed([win(1, 0), win(2, 1)]);
    expect(be.batches).toEqual([
      [4, 8],
      [4, 8],
    ]);
    expect(rs.map((r) => r.embedding[0])).toEqual([4, 8]);

    be.failures.push(new ModelError('E_WORKER', 'died', { details: { retry: false } }));
    await expect(enc.embed([win(1)])).rejects.toMatchObject({ code: 'E_WORKER' });
  });

  it('fails pending and later calls with E_CLOSED once closed', async () => {
    const be = new FakeBackend();
    const enc = new BatchingEncoder(be, entry, { maxDelayMs: 1000 });
    const pending = enc.embed([win(1)]);
    await enc.close();
    await expect(pending).rejects.toMatchObject({ code: 'E_CLOSED' });
    await expect(enc.embed([win(1)])).rejects.toMatchObject({ code: 'E_CLOSED' });
    expect(be.closed).toBe(true);
    expect(be.batches).toEqual([]);
  });

  it('refuses classify() on a model without a class output', async () => {
    const enc = new BatchingEncoder(new FakeBackend(), { ...entry, outputs: { embedding: 'e' }, classes: undefined });
    await expect(enc.classify([win(1)])).rejects.toMatchObject({ code: 'E_MODEL_SPEC' });
  });
});

describe('softmaxInPlace', () => {
  it('matches exp(x)/Σexp(x) and returns the arg max, also for large logits', () => {
    const v = Float32Array.from([1000, 1001, 999]);
    expect(softmaxInPlace(v)).toBe(1);
    const e = [Math.exp(-1), 1, Math.exp(-2)];
    const s = e[0]! + e[1]! + e[2]!;
    Array.from(v).forEach((p, i) => expect(p).toBeCloseTo(e[i]! / s, 6));
  });
});
